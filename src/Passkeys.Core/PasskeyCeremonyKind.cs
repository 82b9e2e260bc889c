namespace Passkeys;

/// <summary>
/// The kinds of WebAuthn ceremony the engine runs.
/// </summary>
public enum PasskeyCeremonyKind
{
    /// <summary>Creating a new account together with its first passkey.</summary>
    Registration = 1,

    /// <summary>Adding a passkey to the account of a signed-in user.</summary>
    AddCredential = 2,

    /// <summary>Signing in with a passkey.</summary>
    Authentication = 3,

    /// <summary>A signed-in user confirming it is them with one of their passkeys before a sensitive change.</summary>
    Reauthentication = 4,

    /// <summary>
    /// Adding a passkey to the account of a signed-in user by conditional create (the automatic passkey upgrade): the
    /// browser's password manager may create it without asking, so the response is accepted without user presence.
    /// </summary>
    ConditionalAddCredential = 5,
}
