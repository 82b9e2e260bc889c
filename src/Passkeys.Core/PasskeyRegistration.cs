namespace Passkeys;

/// <summary>
/// A verified registration: the user (new or existing) and the credential now stored for them.
/// </summary>
/// <param name="User">The user.</param>
/// <param name="Credential">The new credential.</param>
public sealed record PasskeyRegistration(PasskeyUser User, PasskeyCredential Credential);
