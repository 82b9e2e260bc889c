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

    /// <summary>
    /// Whether <paramref name="origin"/> is written as a browser serialises an origin: a web origin with scheme, host
    /// and a non-default port only (no path, user, spaces or leading zeros, which the verifiers' URI parsing would
    /// otherwise read as the same origin), or an app origin (<c>android:apk-key-hash:</c>, checked against the
    /// configured origins as it is).
    /// </summary>
    public static bool IsSerialized(string origin)
    {
        if (origin.StartsWith("android:", StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.Equals(origin, uri.Scheme + "://" + uri.Authority, StringComparison.Ordinal);
    }

    public static bool Same(string first, string second)
    {
        OriginMatcher.TryNormalize(first, out var a);
        OriginMatcher.TryNormalize(second, out var b);
        return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
