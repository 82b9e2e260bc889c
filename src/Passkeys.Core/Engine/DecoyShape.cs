using Fido2NetLib.Objects;

namespace Passkeys.Engine;

/// <summary>
/// What one kind of real passkey looks like in <c>allowCredentials</c>: its id length and transports, the
/// algorithm its key usually has, and how often a decoy takes this shape (a share of 100).
/// </summary>
internal sealed record DecoyShape(string Provider, int IdLength, AuthenticatorTransport[] Transports, COSE.Algorithm Algorithm, int Share);
