using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fido2NetLib;

namespace Passkeys.Engine;

/// <summary>
/// Turns a browser's <c>credential.toJSON()</c> into Fido2's response types, refusing anything malformed
/// before Fido2 sees it: oversized input, JSON that is not strict (<see cref="StrictJson"/>), missing fields, bad
/// base64url, unknown transports.
/// </summary>
internal static class ResponseParser
{
    private static readonly HashSet<string> KnownTransports = new(StringComparer.Ordinal)
    {
        "usb", "nfc", "ble", "smart-card", "hybrid", "internal",
    };

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    public static bool TryParseAttestation(string json, int maxLength, out AuthenticatorAttestationRawResponse? response, out string? problem)
    {
        response = null;
        if (!TryParseObject(json, maxLength, out var root, out problem))
        {
            return false;
        }

        // Browsers report transports WebAuthn may add later (for example "cable"); Fido2 refuses unknown ones.
        if (root["response"] is JsonObject inner && inner["transports"] is JsonArray transports)
        {
            var known = transports
                .Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
                .Where(s => s is not null && KnownTransports.Contains(s))
                .Distinct()
                .Select(s => (JsonNode?)JsonValue.Create(s))
                .ToArray();
            inner["transports"] = new JsonArray(known);
        }

        if (!TryDeserialize(root, out response, out problem))
        {
            return false;
        }

        var r = response!.Response;
        problem = r is null ? "response is missing."
            : r.AttestationObject is not { Length: > 0 } ? "response.attestationObject is missing."
            : r.ClientDataJson is not { Length: > 0 } ? "response.clientDataJSON is missing."
            : CheckIds(response.Id, response.RawId);
        return problem is null;
    }

    public static bool TryParseAssertion(string json, int maxLength, out AuthenticatorAssertionRawResponse? response, out string? problem)
    {
        response = null;
        if (!TryParseObject(json, maxLength, out var root, out problem))
        {
            return false;
        }

        // Android and hybrid have sent "" for "no user handle": read it as absent, which §7.2 step 6 allows when the
        // user was named first (and a discoverable sign-in refuses), rather than refuse every such sign-in.
        if (root["response"] is JsonObject body && body["userHandle"] is JsonValue handle
            && handle.TryGetValue<string>(out var text) && text.Length == 0)
        {
            body.Remove("userHandle");
        }

        if (!TryDeserialize(root, out response, out problem))
        {
            return false;
        }

        var r = response!.Response;
        problem = r is null ? "response is missing."
            : r.AuthenticatorData is not { Length: >= 37 } ? "response.authenticatorData is missing or too short."
            : r.ClientDataJson is not { Length: > 0 } ? "response.clientDataJSON is missing."
            : r.Signature is not { Length: > 0 } ? "response.signature is missing."
            : r.UserHandle is { Length: > PasskeysDefaults.MaxUserHandleLength } ? "response.userHandle is too long."
            : CheckIds(response.Id, response.RawId);
        return problem is null;
    }

    private static bool TryParseObject(string json, int maxLength, out JsonObject root, out string? problem)
    {
        root = null!;
        problem = StrictJson.Check(json, maxLength, out var utf8Json);
        if (problem is not null)
        {
            return false;
        }

        // Strict JSON cannot make the parser throw, and its root is an object.
        root = JsonNode.Parse(utf8Json, NodeOptions, StrictJson.DocumentOptions)!.AsObject();
        return true;
    }

    private static bool TryDeserialize<T>(JsonObject root, out T? value, out string? problem)
        where T : class
    {
        try
        {
            value = root.Deserialize<T>();
            problem = value is null ? "The response is null." : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            value = null;
            problem = "The response has a field of the wrong type or encoding.";
        }

        return problem is null;
    }

    private static string? CheckIds(string? id, byte[]? rawId)
    {
        if (rawId is not { Length: > 0 } || string.IsNullOrEmpty(id))
        {
            return "id or rawId is missing.";
        }

        if (rawId.Length > PasskeysDefaults.MaxCredentialIdLength)
        {
            return "rawId is longer than WebAuthn allows.";
        }

        return id == Base64Url.EncodeToString(rawId) ? null : "id is not the base64url encoding of rawId.";
    }
}
