namespace DemoSite.Infrastructure;

/// <summary>
/// Decides whether a <c>returnUrl</c> is a path on this site before a page shows it or passes it on, so the
/// login page never reflects or forwards to another site. The passkey endpoints check it again.
/// </summary>
internal static class LocalUrl
{
    private const int MaxLength = 2048;
    private const int MaxDecodingRounds = 3;

    public static string? OrNull(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength)
        {
            return null;
        }

        // Each decoded form must be local too: "/%2F%2Fhost" becomes "//host" after a careless redirect.
        var current = url;
        for (var round = 0; round <= MaxDecodingRounds; round++)
        {
            if (!IsPlainLocalPath(current))
            {
                return null;
            }

            var decoded = Uri.UnescapeDataString(current);
            if (string.Equals(decoded, current, StringComparison.Ordinal))
            {
                return url;
            }

            current = decoded;
        }

        return null;
    }

    private static bool IsPlainLocalPath(string url)
    {
        // "//host" and "/\host" leave the site.
        if (url.Length == 0 || url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\'))
        {
            return false;
        }

        // Browsers drop tabs and newlines, so "/\t/host" is "//host" too.
        return !url.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c));
    }
}
