using Fido2NetLib;

namespace Passkeys.Core.Tests.Engine.FastPath;

/// <summary>
/// One assertion to verify both ways: the response, the options as the engine stores them, and the stored key.
/// </summary>
internal sealed record AssertionCase(
    string Category,
    AuthenticatorAssertionRawResponse Response,
    AssertionOptions Options,
    byte[] CredentialId,
    byte[] StoredPublicKey,
    uint StoredCounter = 0);
