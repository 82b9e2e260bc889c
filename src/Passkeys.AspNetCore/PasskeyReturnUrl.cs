using Passkeys.AspNetCore.Endpoints;

namespace Passkeys.AspNetCore;

/// <summary>
/// Decides whether a <c>returnUrl</c> is a page of this site, and gives its normal form, so that a sign-in never
/// forwards a person to another site. The passkey endpoints use it for <c>returnUrl</c> and <c>next</c>; pages of the
/// app that show or pass on a return URL should use it too.
/// </summary>
/// <remarks>
/// <para>
/// A return URL is local when its path starts with <c>/</c> and, read as a browser reads it (dot segments
/// <c>.</c> and <c>..</c> resolved in every spelling, <c>%2e</c> too), still starts with exactly one <c>/</c>; the
/// same must hold when the path is percent-decoded once first. So <c>/.//host</c>, <c>/..//host</c>,
/// <c>/%2e//host</c> and <c>/%2F%2Fhost</c>, which a browser or a careless redirect turns into <c>//host</c>, are not.
/// </para>
/// <para>
/// Also refused: absolute URLs (<c>https:</c>, <c>javascript:</c>, <c>data:</c>), anything that does not start with
/// <c>/</c>, a backslash, control, format or white-space character anywhere (browsers drop tabs and newlines and read
/// <c>\</c> as <c>/</c>), a character that looks like or folds to <c>/</c>, <c>\</c>, <c>.</c>, <c>:</c>, <c>@</c> or
/// other URL punctuation (fullwidth solidus and the like), a malformed percent-encoding or invalid UTF-8 (overlong
/// forms too), a path that is still percent-encoded after one decoding (double encoding), and anything longer than
/// 2048 characters.
/// </para>
/// <para>
/// The query and fragment are kept as they are (<c>/?x=//host</c> is local): they cannot change where the path
/// leads. The normal form has its dot segments resolved and each path segment in one spelling (only what must be is
/// percent-encoded, in upper case), and is plain ASCII, safe for a <c>Location</c> header.
/// </para>
/// </remarks>
public static class PasskeyReturnUrl
{
    /// <summary>The longest return URL considered, in characters.</summary>
    internal const int MaxLength = 2048;

    /// <summary>
    /// Returns a value indicating whether <paramref name="url"/> is a path on this site.
    /// </summary>
    /// <param name="url">The return URL, as the request gave it (already decoded from the query string).</param>
    /// <returns><see langword="true"/> when <see cref="Normalize"/> gives a local URL for it; otherwise <see langword="false"/>.</returns>
    public static bool IsLocal(string? url) => Normalize(url) is not null;

    /// <summary>
    /// Returns the normal form of <paramref name="url"/> when it is a path on this site, or <see langword="null"/>
    /// when it is not. Send the browser the normal form, never the original.
    /// </summary>
    /// <param name="url">The return URL, as the request gave it (already decoded from the query string).</param>
    /// <returns>A local URL that starts with one <c>/</c>, or <see langword="null"/>.</returns>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !ReturnUrlText.IsAllowed(url))
        {
            return null;
        }

        var end = url.AsSpan().IndexOfAny('?', '#');
        var path = end < 0 ? url : url[..end];
        if (path.Length == 0 || path[0] != '/')
        {
            return null;
        }

        if (!StaysLocalDecoded(path))
        {
            return null;
        }

        // As a browser reads it: split at '/', dot segments in every spelling ("%2e", ".%2E"), then each segment
        // decoded once and encoded again in one spelling. "/.//host" and "/%2e//host" become "//host" here.
        var segments = RemoveDotSegments([.. path.Split('/')[1..].Select(s => ReturnUrlText.PercentDecode(s)!)]);
        if (StartsWithHost(segments))
        {
            return null;
        }

        // Removing a dot segment can bring an encoded slash to the front ("/%2e/%2F../" becomes "/%2F../"), so the
        // normal form is checked again: what is returned is its own normal form.
        var normalPath = "/" + string.Join('/', segments.Select(ReturnUrlText.EncodeSegment));
        if (!StaysLocalDecoded(normalPath))
        {
            return null;
        }

        // Encoding can lengthen it (a character becomes up to 12): the normal form keeps the limit too.
        var normal = end < 0 ? normalPath : normalPath + ReturnUrlText.EncodeRest(url.AsSpan(end));
        return normal.Length <= MaxLength ? normal : null;
    }

    // Decoded once, the path must hold nothing that a second decoding could turn into structure, and it must stay
    // local for a careless app that decodes before it resolves dot segments ("/%2F%2Fhost", "/a/..%2F%2Fhost").
    private static bool StaysLocalDecoded(string path)
    {
        var decoded = ReturnUrlText.PercentDecode(path);
        return decoded is not null && ReturnUrlText.IsAllowed(decoded) && !decoded.Contains('%', StringComparison.Ordinal)
            && !StartsWithHost(decoded.Split('/')[1..]) && !StartsWithHost(RemoveDotSegments(decoded.Split('/')[1..]));
    }

    /// <summary>Whether the path these segments make starts with <c>//</c>, which a browser reads as a host.</summary>
    private static bool StartsWithHost(IReadOnlyList<string> segments) => segments.Count > 1 && segments[0].Length == 0;

    /// <summary>Resolves <c>.</c> and <c>..</c> as the URL standard's path parser does: <c>..</c> at the root stays at the root.</summary>
    private static List<string> RemoveDotSegments(string[] segments)
    {
        var output = new List<string>(segments.Length);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }

                if (last)
                {
                    output.Add(string.Empty);
                }
            }
            else if (segment == ".")
            {
                if (last)
                {
                    output.Add(string.Empty);
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        return output;
    }
}
