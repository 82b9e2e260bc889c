using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Passkeys.Testing.Authenticator;

/// <summary>
/// Reads <c>PublicKeyCredentialCreationOptionsJSON</c> / <c>PublicKeyCredentialRequestOptionsJSON</c> as a
/// browser's <c>parse…OptionsFromJSON</c> would: bytes are base64url, and malformed options are a type error.
/// </summary>
internal static class OptionsReader
{
    public static JsonObject Parse(string json, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(json, parameterName);
        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new ArgumentException("The options are not a JSON object.", parameterName);
        }
        catch (JsonException e)
        {
            throw new ArgumentException("The options are not valid JSON.", parameterName, e);
        }
    }

    public static string? GetString(JsonNode? node, string name)
        => node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static bool GetBoolean(JsonNode? node, string name)
        => node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    public static byte[]? GetBytes(JsonNode? node, string name)
    {
        var text = GetString(node, name);
        if (text is null)
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"The options' '{name}' is not base64url.", name, e);
        }
    }

    public static byte[] GetRequiredBytes(JsonNode? node, string name, string path)
        => GetBytes(node, name) ?? throw new ArgumentException($"The options have no '{path}'.", path);

    /// <summary>Gets the ids of a list of <c>PublicKeyCredentialDescriptorJSON</c> (excludeCredentials, allowCredentials).</summary>
    public static List<byte[]> GetCredentialIds(JsonObject options, string name)
    {
        var ids = new List<byte[]>();
        if (options[name] is JsonArray list)
        {
            foreach (var descriptor in list)
            {
                if (GetString(descriptor, "type") is null or "public-key" && GetBytes(descriptor, "id") is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>Gets the COSE algorithms of <c>pubKeyCredParams</c>; none listed means ES256 and RS256 (WebAuthn §5.4).</summary>
    public static List<int> GetAlgorithms(JsonObject options)
    {
        if (options["pubKeyCredParams"] is not JsonArray { Count: > 0 } list)
        {
            return [-7, -257];
        }

        var algorithms = new List<int>();
        foreach (var parameter in list)
        {
            if (GetString(parameter, "type") == "public-key"
                && parameter?["alg"] is JsonValue value && value.TryGetValue<int>(out var alg))
            {
                algorithms.Add(alg);
            }
        }

        return algorithms;
    }
}
