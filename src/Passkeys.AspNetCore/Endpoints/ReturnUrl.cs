namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Decides whether a <c>returnUrl</c> is a path on this site, so a sign-in never forwards a person elsewhere.
/// </summary>
/// <remarks>
/// Only a path that starts with one <c>/</c> is local. Refused: scheme-relative (<c>//host</c>, <c>/\host</c>),
/// absolute and <c>javascript:</c> URLs, any backslash, control or whitespace character (browsers drop tabs and
/// newlines, turning <c>/&#9;/host</c> into <c>//host</c>), and anything that is not local once percent-decoded
/// again (<c>/%2F%2Fhost</c>, <c>%2F%2Fhost</c>).
/// </remarks>
internal static class ReturnUrl
{
    private const int MaxLength = 2048;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength)
        {
            return false;
        }

        var current = url;
        for (var round = 0; round < 4; round++)
        {
            if (!IsPlainLocalPath(current))
            {
                return false;
            }

            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(current);
            }
            catch (UriFormatException)
            {
                return false;
            }

            if (string.Equals(decoded, current, StringComparison.Ordinal))
            {
                return true;
            }

            current = decoded;
        }

        // Encoded more deeply than any real return URL.
        return false;
    }

    public static string Choose(string? returnUrl, string? next, string fallback)
    {
        var candidate = string.IsNullOrEmpty(returnUrl) ? next : returnUrl;
        return IsLocal(candidate) ? candidate! : fallback;
    }

    private static bool IsPlainLocalPath(string url)
    {
        if (url.Length == 0 || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && url[1] is '/' or '\\')
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF' or '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return true;
    }
}
