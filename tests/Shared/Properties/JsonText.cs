using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Passkeys.Tests.Properties;

/// <summary>
/// Generates JSON text of every shape a client could send: random trees whose members are often named twice (also
/// once escaped), strings with lone and reversed surrogates (escaped and raw), controls and bad escapes, base64url
/// junk, huge and invalid numbers, nesting past the cap, and truncated or corrupted text; as strings (which may hold
/// lone surrogates) and as bytes (which may be invalid UTF-8).
/// </summary>
internal static class JsonText
{
    /// <summary>The member names the endpoints and the engine read, so generated objects hit them.</summary>
    public static readonly string[] KnownNames =
    [
        "id", "rawId", "type", "response", "clientDataJSON", "attestationObject", "authenticatorData", "signature",
        "userHandle", "transports", "publicKey", "clientExtensionResults", "credProps", "rk", "authenticatorAttachment",
        "challenge", "origin", "crossOrigin", "userName", "displayName", "email", "name", "token", "a", "",
    ];

    /// <summary>Strings that are not base64url, or decode to nothing useful.</summary>
    public static readonly Gen<string> Base64UrlJunk = Gen.OneOf(
        "", "A", "AAA", "AAAAA", "AA==", "A===", "!!", "+/+/", "AA AA", "AAAA\\n", "____", "----", "QUJD", "e30", "bnVsbA",
        new string('A', 3000), "\\u0041\\u0041", "AAAA\\ud800");

    private static readonly Gen<string> CleanPiece = Gen.Frequency(
        (8, Gen.String[Gen.Char.AlphaNumeric, 0, 8]),
        (2, Gen.OneOf("\\n", "\\\"", "\\\\", "\\/", "\\u0041", "\\u00e9", "\\u20ac", "\\ud83d\\ude00", "é", "€", "😀", " ", "@", ".")),
        (2, Base64UrlJunk));

    // Lone and reversed surrogates (escaped and raw), raw controls, bad escapes, any UTF-16 code unit.
    private static readonly Gen<string> DirtyPiece = Gen.Frequency(
        (4, Gen.OneOf("\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ude00\\ud83d", "\\ud800\\u0041", "\\uD800x", "\\ud800\\ud800")),
        (2, Gen.OneOf("\ud800", "\udc00", "\udfff\ud800")),
        (1, Gen.OneOf("\u0000", "\u001f", "\\x", "\\u12", "\\", "\\U0041")),
        (1, Gen.Char.Select(c => c.ToString())));

    /// <summary>A string literal; about one in sixteen is not a valid one.</summary>
    public static readonly Gen<string> StringLiteral = Gen.Frequency(
        (15, CleanPiece.Array[0, 3].Select(pieces => "\"" + string.Concat(pieces) + "\"")),
        (1, Gen.Select(CleanPiece, DirtyPiece, CleanPiece, (before, dirty, after) => "\"" + before + dirty + after + "\"")));

    /// <summary>A number, sometimes huge, tiny, or not a JSON number at all.</summary>
    public static readonly Gen<string> Number = Gen.Frequency(
        (4, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e400")),
        (2, Gen.OneOf("1" + new string('0', 400), "1e99999", "-1e-99999", "-0", "0.0000000000000000000001", "18446744073709551616",
            "-9223372036854775809", "1E+2", "4294967296", "256", "-1")),
        (1, Gen.OneOf("01", "1.", ".5", "+1", "1e", "--1", "NaN", "Infinity", "0x10")));

    private static readonly Gen<string> Literal = Gen.Frequency((8, Gen.OneOf("true", "false", "null")), (1, Gen.OneOf("nul", "True", "undefined")));

    private static readonly Gen<string> Name = Gen.Frequency(
        (6, Gen.OneOf(KnownNames).Select(n => "\"" + n + "\"")),
        (2, Gen.OneOf(KnownNames.Where(n => n.Length > 0).ToArray()).Select(n => "\"\\u" + ((int)n[0]).ToString("x4", CultureInfo.InvariantCulture) + n[1..] + "\"")),
        (2, StringLiteral));

    /// <summary>Any JSON value, nested up to four levels.</summary>
    public static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) =>
    {
        var scalar = Gen.Frequency((3, StringLiteral), (2, Number), (1, Literal));
        if (depth >= 4)
        {
            return scalar;
        }

        return Gen.Frequency((3, scalar), (3, ObjectOf(value)), (2, value.Array[0, 4].Select(v => "[" + string.Join(",", v) + "]")));
    });

    /// <summary>An object of members with known or random names, often repeated, and any values.</summary>
    public static readonly Gen<string> Object = ObjectOf(Value);

    /// <summary>Nesting from 10 to 40 levels, around the cap of 16, inside an object.</summary>
    public static readonly Gen<string> Deep = Gen.Select(Gen.Int[10, 40], Gen.Bool, Value, (levels, objects, inner) => "{\"a\":" + (objects
        ? string.Concat(Enumerable.Repeat("{\"a\":", levels)) + inner + new string('}', levels)
        : new string('[', levels) + inner + new string(']', levels)) + "}");

    /// <summary>A whole document: mostly objects, some other values and deep nesting, some of it corrupted.</summary>
    public static readonly Gen<string> Document = Corrupted(Gen.Frequency((8, Object), (1, Value), (1, Deep)));

    /// <summary>A document as bytes: encoded (lone surrogates as the invalid 3-byte form), with a byte flipped, or noise.</summary>
    public static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (6, Document.Select(Encode)),
        (2, Gen.Select(Document, Gen.Int.Positive, Gen.Byte[1, 255], (text, position, mask) => Flip(Encode(text), position, mask))),
        (1, Gen.Byte.Array[0, 64]));

    /// <summary>Makes <paramref name="text"/> sometimes truncated, with a character replaced, or with junk around it.</summary>
    public static Gen<string> Corrupted(Gen<string> text) => Gen.Frequency(
        (30, text),
        (2, Gen.Select(text, Gen.Double.Unit, (t, at) => t[..(int)(t.Length * at)])),
        (2, Gen.Select(text, Gen.Int.Positive, Gen.Char, (t, at, c) => t.Length == 0 ? c.ToString() : t.Remove(at % t.Length, 1).Insert(at % t.Length, c.ToString()))),
        (1, text.Select(t => t + ",")),
        (1, text.Select(t => t + " /* comment */")),
        (1, text.Select(t => "\uFEFF" + t)),
        (1, text.Select(t => t + t)));

    /// <summary>UTF-8, except that a lone surrogate becomes its 3-byte form, which UTF-8 forbids (as a raw byte string can hold).</summary>
    public static byte[] Encode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i++, 2)));
            }
            else if (char.IsSurrogate(c))
            {
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return [.. bytes];
    }

    public static byte[] Flip(byte[] bytes, int position, byte mask)
    {
        if (bytes.Length > 0)
        {
            bytes[position % bytes.Length] ^= mask;
        }

        return bytes;
    }

    /// <summary>
    /// The oracle of strict JSON, independent of the code under test: System.Text.Json's document reader at depth 16
    /// (less its tolerance of a byte order mark), then every member name and string decoded, no name twice in one object.
    /// </summary>
    public static bool IsStrictObject(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object && IsStrict(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsStrict(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                return element.EnumerateObject().All(p => names.Add(p.Name) && IsStrict(p.Value));
            case JsonValueKind.Array:
                return element.EnumerateArray().All(IsStrict);
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            default:
                return true;
        }
    }

    private static Gen<string> ObjectOf(Gen<string> value)
        => Gen.Select(Name, value, (n, v) => n + ":" + v).Array[0, 5].Select(members => "{" + string.Join(",", members) + "}");
}
