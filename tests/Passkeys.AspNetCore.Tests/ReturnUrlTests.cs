using Passkeys.AspNetCore.Endpoints;

namespace Passkeys.AspNetCore.Tests;

public class ReturnUrlTests
{
    public static readonly string[] UnsafePayloads =
    [
        "//evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "http://evil.example",
        "https://evil.example/",
        "HTTPS://evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "javascript://%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "/%2F%2Fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%5cevil.example",
        "%2f%2fevil.example",
        "/%252F%252Fevil.example",
        "/%25252F%25252Fevil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/%09/evil.example",
        "/%0d%0a/evil.example",
        " //evil.example",
        "/ /evil.example",
        "///evil.example",
        "/\\/evil.example",
        "evil.example",
        "~//evil.example",
        "https:evil.example",
        "/%E2%80%8B/evil.example",
        "/\u200B/evil.example",
        "",
        "/" + new string('a', 3000),
    ];

    public static readonly string[] SafePayloads =
    [
        "/",
        "/profile",
        "/profile?tab=passkeys",
        "/a/b/c#section",
        "/search?q=%2Fthing",
        "/caf%C3%A9",
        "/@user",
    ];

    [TestCaseSource(nameof(UnsafePayloads))]
    public void Unsafe_return_url_is_not_local(string url)
    {
        Assert.That(ReturnUrl.IsLocal(url), Is.False);
        Assert.That(ReturnUrl.Choose(url, null, "/home"), Is.EqualTo("/home"));
    }

    [TestCaseSource(nameof(SafePayloads))]
    public void Local_path_is_kept(string url)
    {
        Assert.That(ReturnUrl.IsLocal(url), Is.True);
        Assert.That(ReturnUrl.Choose(url, null, "/home"), Is.EqualTo(url));
    }

    [Test]
    public void Next_is_an_alias_used_when_return_url_is_absent()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReturnUrl.Choose(null, "/next", "/home"), Is.EqualTo("/next"));
            Assert.That(ReturnUrl.Choose(null, "//evil.example", "/home"), Is.EqualTo("/home"));
            Assert.That(ReturnUrl.Choose("/first", "/next", "/home"), Is.EqualTo("/first"));
            Assert.That(ReturnUrl.Choose(null, null, "/home"), Is.EqualTo("/home"));
        });
    }
}
