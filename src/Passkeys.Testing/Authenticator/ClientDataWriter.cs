using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Passkeys.Testing.Authenticator;

/// <summary>Writes <c>clientDataJSON</c> (WebAuthn §5.8.1) compactly, as a browser does.</summary>
internal static class ClientDataWriter
{
    // Browsers escape only what JSON requires; so does this, so a test's origin reaches the server as written.
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static byte[] Write(string type, byte[] challenge, string origin, Action<JsonObject>? tamper)
    {
        var clientData = new JsonObject
        {
            ["type"] = type,
            ["challenge"] = Base64Url.EncodeToString(challenge),
            ["origin"] = origin,
            ["crossOrigin"] = false,
        };
        tamper?.Invoke(clientData);
        return Encoding.UTF8.GetBytes(clientData.ToJsonString(SerializerOptions));
    }
}
