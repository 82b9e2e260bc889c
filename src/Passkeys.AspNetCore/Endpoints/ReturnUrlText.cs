using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>The character rules and the percent-decoding and -encoding behind <see cref="PasskeyReturnUrl"/>.</summary>
internal static class ReturnUrlText
{
    // Kept as they are in a path segment: RFC 3986 unreserved, sub-delims, ':' and '@' (pchar).
    private static readonly SearchValues<char> SegmentCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@");

    // Encoded in a query or fragment, as browsers do, so the whole URL is ASCII.
    private static readonly SearchValues<char> QueryCharactersToEncode = SearchValues.Create("\"<>`");

    // ASCII characters that carry URL structure: a character that folds to one of them (U+FF0F fullwidth solidus
    // to '/') is refused, whatever a later step might make of it.
    private static readonly SearchValues<char> Structure = SearchValues.Create("/\\.:@%?#&=;,+!$'()*[]<>\"`{}|^~");

    /// <summary>
    /// Whether every character may stand in a return URL: no backslash, no control, format, separator, private-use,
    /// unassigned or lone surrogate character, and no look-alike of URL punctuation.
    /// </summary>
    public static bool IsAllowed(string text)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done || !IsAllowed(rune))
            {
                return false;
            }

            span = span[consumed..];
        }

        return true;
    }

    /// <summary>Decodes every <c>%XX</c> once; <see langword="null"/> for a malformed escape or bytes that are not UTF-8 (overlong forms too).</summary>
    public static string? PercentDecode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                {
                    return null;
                }

                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (char.IsSurrogate(c))
            {
                // IsAllowed ran first, so this is a valid pair.
                var length = Encoding.UTF8.GetBytes(text.AsSpan(i, 2), buffer);
                bytes.AddRange(buffer[..length]);
                i++;
            }
            else
            {
                var length = Encoding.UTF8.GetBytes(text.AsSpan(i, 1), buffer);
                bytes.AddRange(buffer[..length]);
            }
        }

        var raw = bytes.ToArray();
        var chars = new char[raw.Length];
        var status = Utf8.ToUtf16(raw, chars, out _, out var written, replaceInvalidSequences: false);
        return status == OperationStatus.Done ? new string(chars, 0, written) : null;
    }

    /// <summary>Percent-encodes (UTF-8, upper-case hex) every character of a decoded path segment that is not a <c>pchar</c>, <c>/</c> too.</summary>
    public static string EncodeSegment(string segment) => Encode(segment, c => !SegmentCharacters.Contains(c));

    /// <summary>Percent-encodes what browsers encode in a query or fragment (non-ASCII, <c>"</c>, <c>&lt;</c>, <c>&gt;</c>, <c>`</c>); the rest stays as given.</summary>
    public static string EncodeRest(ReadOnlySpan<char> rest) => Encode(rest.ToString(), c => c > '\u007F' || QueryCharactersToEncode.Contains(c));

    private static string Encode(string text, Func<char, bool> mustEncode)
    {
        if (!text.Any(mustEncode))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length * 2);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            if (!mustEncode(text[i]))
            {
                builder.Append(text[i]);
                continue;
            }

            var count = char.IsSurrogate(text[i]) ? 2 : 1;
            var length = Encoding.UTF8.GetBytes(text.AsSpan(i, count), buffer);
            foreach (var b in buffer[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            i += count - 1;
        }

        return builder.ToString();
    }

    private static bool IsAllowed(Rune rune)
    {
        if (rune.IsAscii)
        {
            return rune.Value is > 0x20 and < 0x7F and not '\\';
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.OtherNotAssigned:
                return false;
        }

        return !IsLookAlike(rune);
    }

    private static bool IsLookAlike(Rune rune)
    {
        // Slashes and dots with no compatibility mapping that still read as one (IDNA maps U+3002 to '.'), and the
        // replacement character, which stands for bytes that were not UTF-8 (ASP.NET decodes "%FF" in a query to it).
        if (rune.Value is 0x2044 or 0x2215 or 0x2216 or 0x29F5 or 0x29F8 or 0x29F9 or 0x3002 or 0xFF61 or 0xFFFD)
        {
            return true;
        }

        var folded = rune.ToString().Normalize(NormalizationForm.FormKC);
        return folded.AsSpan().IndexOfAny(Structure) >= 0;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
