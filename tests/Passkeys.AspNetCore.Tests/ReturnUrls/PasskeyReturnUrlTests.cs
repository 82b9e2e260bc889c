using Passkeys.AspNetCore.Endpoints;

namespace Passkeys.AspNetCore.Tests.ReturnUrls;

public class PasskeyReturnUrlTests
{
    private static IEnumerable<TestCaseData> UnsafeCases =>
        ReturnUrlCorpus.Unsafe.Select((url, i) => new TestCaseData(url).SetArgDisplayNames($"unsafe {i:D4}: {Printable(url)}"));

    private static IEnumerable<TestCaseData> LocalCases =>
        ReturnUrlCorpus.Local.Select((c, i) => new TestCaseData(c.Url, c.Normal).SetArgDisplayNames($"local {i:D4}: {Printable(c.Url)}"));

    [TestCaseSource(nameof(UnsafeCases))]
    public void Unsafe_return_url_is_not_local_and_falls_back(string url)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PasskeyReturnUrl.Normalize(url), Is.Null);
            Assert.That(PasskeyReturnUrl.IsLocal(url), Is.False);
            Assert.That(ReturnUrl.Choose(url, null, "/home"), Is.EqualTo("/home"));
            Assert.That(ReturnUrl.Choose(null, url, "/home"), Is.EqualTo("/home"), "as next");
        });
    }

    [TestCaseSource(nameof(LocalCases))]
    public void Local_return_url_is_kept_in_normal_form_with_its_query_and_fragment(string url, string normal)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PasskeyReturnUrl.Normalize(url), Is.EqualTo(normal));
            Assert.That(PasskeyReturnUrl.IsLocal(url), Is.True);
            Assert.That(PasskeyReturnUrl.Normalize(normal), Is.EqualTo(normal), "the normal form is its own normal form");
            Assert.That(ReturnUrl.Choose(url, null, "/home"), Is.EqualTo(normal));
        });
    }

    [Test]
    public void Reported_dot_segment_payloads_lead_a_browser_off_the_site_and_are_not_local()
    {
        foreach (var url in ReturnUrlCorpus.Reported)
        {
            // What the sample's script did: resolve, then navigate to the path alone, which a browser reads as "//host".
            var (_, host, path) = BrowserUrl.Resolve(url);
            Assert.That((host, path), Is.EqualTo(("site.example", "//evil.example/x")), url);
            Assert.That(BrowserUrl.Resolve(path).Host, Is.EqualTo("evil.example"), url);

            Assert.That(PasskeyReturnUrl.Normalize(url), Is.Null, url);
        }
    }

    [Test]
    public void Corpus_is_large_and_most_unsafe_payloads_really_leave_the_site_in_a_browser()
    {
        var leaving = ReturnUrlCorpus.Unsafe.Count(url =>
        {
            var (scheme, host, path) = BrowserUrl.Resolve(url);
            return scheme != "https" || host != "site.example" || path.StartsWith("//", StringComparison.Ordinal);
        });

        Assert.Multiple(() =>
        {
            Assert.That(ReturnUrlCorpus.Unsafe, Has.Count.GreaterThanOrEqualTo(150));
            Assert.That(ReturnUrlCorpus.Local, Has.Count.GreaterThanOrEqualTo(150));
            Assert.That(leaving, Is.GreaterThanOrEqualTo(150), "payloads that a browser follows to another site, or to a path it then reads as a host");
        });
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
            Assert.That(ReturnUrl.Choose("/./a/../next", null, "/home"), Is.EqualTo("/next"));
        });
    }

    [Test]
    public void Fallback_is_given_in_normal_form()
    {
        Assert.That(ReturnUrl.Choose("//evil.example", null, "/a/./home"), Is.EqualTo("/a/home"));
    }

    private static string Printable(string url)
    {
        var shown = string.Concat(url.Take(60).Select(c => c < 0x20 || c is > '\u007E' ? $"\\u{(int)c:X4}" : c.ToString()));
        return url.Length > 60 ? shown + $"…({url.Length})" : shown;
    }
}
