using CsCheck;

namespace Passkeys.AspNetCore.Tests.ReturnUrls;

/// <summary>
/// Generates return URLs from the pieces of every known trick (slashes, backslashes, dot segments and their
/// encodings, whitespace, look-alikes, schemes), mostly after a leading <c>/</c>, so that many are local and many
/// are near misses. Shared with the browser tests (linked into DemoSite.BrowserTests).
/// </summary>
public static class ReturnUrlGenerator
{
    private static readonly string[] Pieces =
    [
        "/", "/", "/", "//", "\\", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "%25", "%", "2", "e", "f", "0",
        "\t", "\n", "\r", " ", "\u00A0", "\u200B", "@", ":", "?", "#", "&", "=", "~", ";", "evil.example", "site.example",
        "a", "b", "https:", "http:", "javascript:", "data:", "\uFF0F", "\uFF3C", "\u2215", "\u3002", "\uFF0E",
        "%E2%80%8B", "%C0%AF", "%EF%BC%8F", "%09", "%0a", "%00", "é", "%C3%A9", "\U0001F511",
    ];

    /// <summary>Gets the generator: six in ten a "/" and up to twelve pieces, the rest bare pieces, slash soup or any string.</summary>
    public static readonly Gen<string> Urls = Gen.Frequency(
        (6, Gen.OneOf(Pieces).Array[0, 12].Select(pieces => "/" + string.Concat(pieces))),
        (2, Gen.OneOf(Pieces).Array[1, 12].Select(string.Concat)),
        (1, Gen.Char["/\\.%2eEfF5c?#@: \t"].Array[1, 16].Select(chars => "/" + new string(chars))),
        (1, Gen.String));
}
