namespace DemoSite.Infrastructure;

/// <summary>
/// Decides whether a <c>returnUrl</c> is a path on this site before a page shows it or passes it on, so the
/// login page never reflects or forwards to another site. The passkey endpoints check it again.
/// </summary>
internal static class LocalUrl
{
    private const int MaxLength = 2048;

    public static string? OrNull(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return null;
        }

        // "//host" and "/\host" leave the site; browsers drop tabs and newlines, so "/\t/host" does too.
        if (url.Length > 1 && url[1] is '/' or '\\')
        {
            return null;
        }

        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return null;
            }
        }

        // "/%2F%2Fhost" is "//host" once decoded by a careless redirect further on.
        var decoded = Uri.UnescapeDataString(url);
        return decoded.Length > 1 && decoded[1] is '/' or '\\' ? null : url;
    }
}
