using Fido2NetLib;
using Fido2NetLib.Objects;

namespace Passkeys.Core.Tests.Engine.FastPath;

/// <summary>
/// Copies of an <see cref="AuthenticatorAssertionRawResponse"/> with one part replaced, for mutations made after signing.
/// </summary>
internal static class RawResponses
{
    public static AuthenticatorAssertionRawResponse With(
        this AuthenticatorAssertionRawResponse raw,
        Func<AuthenticatorAssertionRawResponse.AssertionResponse, AuthenticatorAssertionRawResponse.AssertionResponse>? response = null,
        string? id = null,
        byte[]? rawId = null,
        PublicKeyCredentialType? type = null,
        bool clearType = false,
        AuthenticationExtensionsClientOutputs? extensions = null)
        => new()
        {
            Id = id ?? raw.Id,
            RawId = rawId ?? raw.RawId,
            Response = response is null ? raw.Response : response(raw.Response),
            Type = clearType ? null : type ?? raw.Type,
            ClientExtensionResults = extensions ?? raw.ClientExtensionResults,
        };

    public static AuthenticatorAssertionRawResponse WithAuthenticatorData(this AuthenticatorAssertionRawResponse raw, byte[]? data)
        => raw.With(r => new() { AuthenticatorData = data!, Signature = r.Signature, ClientDataJson = r.ClientDataJson, UserHandle = r.UserHandle });

    public static AuthenticatorAssertionRawResponse WithSignature(this AuthenticatorAssertionRawResponse raw, byte[]? signature)
        => raw.With(r => new() { AuthenticatorData = r.AuthenticatorData, Signature = signature!, ClientDataJson = r.ClientDataJson, UserHandle = r.UserHandle });

    public static AuthenticatorAssertionRawResponse WithClientData(this AuthenticatorAssertionRawResponse raw, byte[]? clientDataJson)
        => raw.With(r => new() { AuthenticatorData = r.AuthenticatorData, Signature = r.Signature, ClientDataJson = clientDataJson!, UserHandle = r.UserHandle });

    public static AuthenticatorAssertionRawResponse WithUserHandle(this AuthenticatorAssertionRawResponse raw, byte[]? userHandle)
        => raw.With(r => new() { AuthenticatorData = r.AuthenticatorData, Signature = r.Signature, ClientDataJson = r.ClientDataJson, UserHandle = userHandle });

    public static byte[] Flip(this byte[] bytes, int index, byte mask)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= mask;
        return copy;
    }
}
