using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Passkeys.Testing.Authenticator;

/// <summary>Writes responses in the shape of a browser's <c>PublicKeyCredential.toJSON()</c> (WebAuthn §5.1).</summary>
internal static class ResponseWriter
{
    public static JsonObject Registration(
        byte[] credentialId,
        byte[] clientDataJson,
        byte[] attestationObject,
        byte[] authenticatorData,
        IEnumerable<string> transports,
        SoftwareKey key,
        bool residentKey)
    {
        var id = Base64Url.EncodeToString(credentialId);
        return new JsonObject
        {
            ["id"] = id,
            ["rawId"] = id,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientDataJson),
                ["attestationObject"] = Base64Url.EncodeToString(attestationObject),
                ["authenticatorData"] = Base64Url.EncodeToString(authenticatorData),
                ["transports"] = new JsonArray([.. transports.Select(t => (JsonNode?)JsonValue.Create(t))]),
                ["publicKey"] = Base64Url.EncodeToString(key.SubjectPublicKeyInfo),
                ["publicKeyAlgorithm"] = key.CoseAlgorithm,
            },
            ["clientExtensionResults"] = new JsonObject
            {
                ["credProps"] = new JsonObject { ["rk"] = residentKey },
            },
        };
    }

    public static JsonObject Authentication(
        byte[] credentialId,
        byte[] clientDataJson,
        byte[] authenticatorData,
        byte[] signature,
        byte[]? userHandle)
    {
        var id = Base64Url.EncodeToString(credentialId);
        return new JsonObject
        {
            ["id"] = id,
            ["rawId"] = id,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientDataJson),
                ["authenticatorData"] = Base64Url.EncodeToString(authenticatorData),
                ["signature"] = Base64Url.EncodeToString(signature),
                ["userHandle"] = userHandle is null ? null : Base64Url.EncodeToString(userHandle),
            },
            ["clientExtensionResults"] = new JsonObject(),
        };
    }
}
