namespace Passkeys.Testing;

/// <summary>
/// How a <see cref="SoftwareAuthenticator"/> moves a credential's signature counter (WebAuthn §6.1.1).
/// </summary>
public enum SoftwareCounter
{
    /// <summary>The counter starts at 0 when the credential is created and goes up by one with each assertion.</summary>
    Incrementing,

    /// <summary>The counter is always 0, as many platform authenticators and synced passkeys report.</summary>
    AlwaysZero,

    /// <summary>
    /// The counter starts at 1000 when the credential is created and goes down by one with each assertion,
    /// as a cloned authenticator might: a relying party should notice the regression.
    /// </summary>
    GoingBackwards,
}
