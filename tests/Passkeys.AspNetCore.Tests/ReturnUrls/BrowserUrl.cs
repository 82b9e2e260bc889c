namespace Passkeys.AspNetCore.Tests.ReturnUrls;

/// <summary>
/// Where a browser goes with a URL reference on a page of <see cref="Base"/>: a model of the WHATWG URL parser's
/// steps that decide the scheme, host and path for a special (https) base. Leading and trailing C0 controls and
/// spaces are trimmed, tabs and newlines removed anywhere, <c>\</c> read as <c>/</c>, any slashes after the scheme
/// start an authority, and dot segments are recognised in every spelling (<c>.</c>, <c>%2e</c>, <c>.%2E</c>…).
/// </summary>
internal static class BrowserUrl
{
    public static readonly Uri Base = new("https://site.example/base/");

    /// <summary>The scheme, host and path a browser lands on; <c>Host</c> is what follows <c>//</c> when an authority is read.</summary>
    public static (string Scheme, string Host, string Path) Resolve(string reference)
    {
        var input = reference.Trim(Enumerable.Range(0, 0x21).Select(c => (char)c).ToArray()).Replace("\t", "").Replace("\n", "").Replace("\r", "");
        var scheme = SchemeOf(input);
        if (scheme is not null)
        {
            input = input[(scheme.Length + 1)..];
            if (!string.Equals(scheme, Base.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                return (scheme.ToLowerInvariant(), string.Empty, input);
            }

            // The base's own special scheme: "https://host" and "https:\\host" read an authority, "https:path" is relative.
        }

        if (input.Length > 0 && IsSlash(input[0]))
        {
            return input.Length > 1 && IsSlash(input[1]) ? Authority(input) : ("https", Base.Host, Path(input, []));
        }

        var end = input.IndexOfAny(['?', '#']);
        if (end == 0)
        {
            return ("https", Base.Host, Base.AbsolutePath);
        }

        var baseSegments = Base.AbsolutePath.Split('/')[1..^1];
        return ("https", Base.Host, Path("/" + input, baseSegments));
    }

    private static string? SchemeOf(string input)
    {
        if (input.Length == 0 || !char.IsAsciiLetter(input[0]))
        {
            return null;
        }

        var i = 1;
        while (i < input.Length && (char.IsAsciiLetterOrDigit(input[i]) || input[i] is '+' or '-' or '.'))
        {
            i++;
        }

        return i < input.Length && input[i] == ':' ? input[..i] : null;
    }

    private static (string, string, string) Authority(string input)
    {
        var rest = input.TrimStart('/', '\\');
        var end = rest.IndexOfAny(['/', '\\', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var colon = host.LastIndexOf(':');
        host = colon < 0 ? host : host[..colon];
        return ("https", Uri.UnescapeDataString(host).ToLowerInvariant(), end < 0 ? "/" : Path(rest[end..], []));
    }

    private static string Path(string input, string[] baseSegments)
    {
        var end = input.IndexOfAny(['?', '#']);
        var path = end < 0 ? input : input[..end];
        var output = new List<string>(baseSegments);
        var segments = path.Split('/', '\\')[1..];
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var segment = segments[i].ToLowerInvariant();
            if (segment is ".." or ".%2e" or "%2e." or "%2e%2e")
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
            else if (segment is "." or "%2e")
            {
                if (last)
                {
                    output.Add(string.Empty);
                }
            }
            else
            {
                output.Add(segments[i]);
            }
        }

        return "/" + string.Join('/', output);
    }

    private static bool IsSlash(char c) => c is '/' or '\\';
}
