using Fido2NetLib;

namespace Passkeys.Benchmarks;

/// <summary>
/// A registration prepared before an iteration: the ceremony the engine saved, its options (parsed for the bare
/// Fido2 path) and the authenticator's response to them.
/// </summary>
public sealed record PendingRegistration(string CeremonyId, CredentialCreateOptions Options, string ResponseJson);
