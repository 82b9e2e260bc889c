using System.Buffers.Text;

namespace Passkeys.Configuration;

/// <summary>
/// The shapes of origins the options accept: web origins (scheme, host, optional port) and Android app origins
/// (<c>android:apk-key-hash:</c> and the base64url SHA-256 of the app's signing certificate), and the origin label
/// browsers count in a related origins document (WebAuthn L3 §5.11.1).
/// </summary>
internal static class OriginRules
{
    public const string AndroidPrefix = "android:apk-key-hash:";

    // Second-level labels that sit inside a country's public suffix (example.co.uk, example.com.au): a built-in
    // approximation of the Public Suffix List, which the library does not ship.
    private static readonly HashSet<string> CountrySecondLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        "ac", "co", "com", "edu", "gob", "gov", "govt", "gv", "ltd", "me", "mil", "ne", "net", "nic", "or", "org", "plc", "sch",
    };

    /// <summary>Whether the origin is an Android app origin of the right shape.</summary>
    public static bool IsAndroidOrigin(string origin)
    {
        if (!origin.StartsWith(AndroidPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hash = origin.AsSpan(AndroidPrefix.Length);
        Span<byte> digest = stackalloc byte[33];
        return hash.Length == 43 && Base64Url.IsValid(hash) && !hash.ContainsAny('=', '+')
            && Base64Url.TryDecodeFromChars(hash, digest, out var written) && written == 32;
    }

    /// <summary>
    /// Reads a web origin: an absolute https URI (http only for <c>localhost</c> and its subdomains) of scheme, host
    /// and optional port, without user, path, query, fragment or trailing slash.
    /// </summary>
    /// <returns><see langword="null"/>, or the sentence that says what is wrong.</returns>
    public static string? WebOriginProblem(string origin, string key, out Uri? uri)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out uri) || uri.PathAndQuery is not ("/" or "") || origin.EndsWith('/')
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment) || uri.HostNameType == UriHostNameType.Unknown
            || origin.Contains('#', StringComparison.Ordinal) || origin.Contains('?', StringComparison.Ordinal))
        {
            uri = null;
            return $"Passkeys:{key} has '{origin}', which is not an origin. Write scheme, host and optional port only, such as 'https://example.com'.";
        }

        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLocalhost(uri.Host))
            ? null
            : $"Passkeys:{key} has '{origin}'. Browsers allow passkeys only on https origins (http only on localhost).";
    }

    /// <summary>Whether the host is <c>localhost</c> or a subdomain of it, which browsers treat as secure over http.</summary>
    public static bool IsLocalhost(string host)
        => host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the host is the relying party id or a subdomain of it.</summary>
    public static bool IsWithin(string host, string rpId)
        => host.Equals(rpId, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + rpId, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The origin label of a host, as browsers count them against the limit of related origins: the first label of
    /// its registrable domain (<c>example</c> for <c>login.example.co.uk</c>); <see langword="null"/> for a host
    /// without one (an IP address, a single label).
    /// </summary>
    public static string? RegistrableLabel(Uri uri)
    {
        if (uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        var labels = uri.IdnHost.ToLowerInvariant().Split('.');
        if (labels.Length < 2)
        {
            return null;
        }

        var suffixLength = labels.Length >= 3 && labels[^1].Length == 2 && CountrySecondLevels.Contains(labels[^2]) ? 2 : 1;
        return labels.Length > suffixLength ? labels[^(suffixLength + 1)] : null;
    }
}
