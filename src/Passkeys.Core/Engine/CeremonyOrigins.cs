using System.Text.Json;
using Passkeys.Engine.FastPath;

namespace Passkeys.Engine;

/// <summary>
/// Compares a response's client data origin with the origin its ceremony was started from, normalised as the
/// verifiers normalise origins (scheme, host, non-default port; hosts without case), so that the binding and the
/// configured-origin check agree on what one origin is.
/// </summary>
internal static class CeremonyOrigins
{
    public static bool Match(string ceremonyOrigin, JsonElement clientData)
        => clientData.TryGetProperty("origin", out var origin)
            && origin.ValueKind == JsonValueKind.String
            && Same(ceremonyOrigin, origin.GetString()!);

    public static bool Same(string first, string second)
    {
        OriginMatcher.TryNormalize(first, out var a);
        OriginMatcher.TryNormalize(second, out var b);
        return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
