using System.Net;
using System.Text.RegularExpressions;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

public partial class AssetTests
{
    // The one URL allowed that is not this site's: the SVG namespace name, which nothing ever fetches.
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    private static readonly string[] PublicPages = ["/", "/login", "/register", "/email-login/sent", "/email-login/confirm", "/email/verify", "/no-such-page"];

    private static readonly string[] SignedInPages = ["/", "/profile", "/profile/passkeys"];

    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [TestCase("/_content/Passkeys.AspNetCore/passkeys.js", "text/javascript")]
    [TestCase("/js/site.js", "text/javascript")]
    [TestCase("/js/register.js", "text/javascript")]
    [TestCase("/js/login.js", "text/javascript")]
    [TestCase("/js/profile.js", "text/javascript")]
    [TestCase("/js/manage-passkeys.js", "text/javascript")]
    [TestCase("/js/email-sent.js", "text/javascript")]
    [TestCase("/js/email-confirm.js", "text/javascript")]
    [TestCase("/js/email-verify.js", "text/javascript")]
    [TestCase("/js/email-link-page.js", "text/javascript")]
    [TestCase("/css/site.css", "text/css")]
    [TestCase("/favicon.svg", "image/svg+xml")]
    public async Task Static_asset_is_served_by_the_site(string path, string mediaType)
    {
        using var browser = _site.CreateBrowser();
        using var response = await browser.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Not.Empty);
    }

    [Test]
    public async Task Every_script_stylesheet_and_icon_a_page_links_is_served()
    {
        using var browser = await SignedInBrowserAsync("linker");
        using var visitor = _site.CreateBrowser();
        var links = new HashSet<string>(StringComparer.Ordinal);
        var pages = (await PagesAsync(visitor, PublicPages[..^1])).Concat(await PagesAsync(browser, SignedInPages));
        foreach (var html in pages)
        {
            links.UnionWith(LinkPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        }

        Assert.That(links, Has.Some.Contains("site").And.Some.Contains("login").And.Some.Contains("favicon"));
        foreach (var link in links)
        {
            Assert.That(link, Does.StartWith("/"), "Links are local.");
            using var response = await visitor.Client.GetAsync(new Uri(link, UriKind.Relative));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), link);
        }
    }

    [Test]
    public async Task Pages_scripts_and_styles_name_no_other_site()
    {
        using var browser = await SignedInBrowserAsync("scanner");
        using var visitor = _site.CreateBrowser();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in PublicPages)
        {
            using var response = await visitor.Client.GetAsync(new Uri(path, UriKind.Relative));
            texts["signed out " + path] = await response.Content.ReadAsStringAsync();
        }

        foreach (var path in SignedInPages)
        {
            texts["signed in " + path] = await browser.GetPageAsync(path);
        }

        foreach (var asset in new[] { "/css/site.css", "/js/site.js", "/js/register.js", "/js/login.js", "/js/profile.js", "/js/manage-passkeys.js", "/js/email-sent.js", "/js/email-confirm.js", "/js/email-verify.js", "/js/email-link-page.js", "/_content/Passkeys.AspNetCore/passkeys.js", "/favicon.svg" })
        {
            texts[asset] = await visitor.Client.GetStringAsync(new Uri(asset, UriKind.Relative));
        }

        Assert.Multiple(() =>
        {
            foreach (var (name, text) in texts)
            {
                var external = UrlPattern().Matches(text).Select(m => m.Value)
                    .Where(url => url != SvgNamespace && !url.StartsWith(DemoSiteFactory.Origin + "/", StringComparison.Ordinal) && url != DemoSiteFactory.Origin)
                    .ToList();
                Assert.That(external, Is.Empty, name);
                Assert.That(text, Does.Not.Contain("@import").And.Not.Contain("url(//").And.Not.Contain("src=\"//"), name);
            }
        });
    }

    [Test]
    public async Task Pages_forbid_scripts_styles_and_fonts_from_other_sites()
    {
        using var browser = _site.CreateBrowser();
        using var response = await browser.Client.GetAsync(new Uri("/login", UriKind.Relative));

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Multiple(() =>
        {
            Assert.That(policy, Does.Contain("default-src 'self'"));
            Assert.That(policy, Does.Contain("script-src 'self'"));
            Assert.That(policy, Does.Contain("style-src 'self'"));
            Assert.That(policy, Does.Contain("frame-ancestors 'none'"));
            Assert.That(policy, Does.Not.Contain("unsafe-inline"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EquivalentTo(new[] { "nosniff" }));
        });
    }

    [Test]
    public async Task Pages_have_no_inline_scripts_or_styles_the_policy_would_block()
    {
        using var browser = await SignedInBrowserAsync("inline");
        using var visitor = _site.CreateBrowser();
        foreach (var html in (await PagesAsync(browser, SignedInPages)).Concat(await PagesAsync(visitor, PublicPages[..^1])))
        {
            Assert.That(InlineScriptPattern().IsMatch(html), Is.False, "A <script> without src.");
            Assert.That(html, Does.Not.Contain("<style").And.Not.Contain(" style=\"").And.Not.Contain(" onclick="));
        }
    }

    private async Task<SiteBrowser> SignedInBrowserAsync(string userName)
    {
        var browser = _site.CreateBrowser();
        await browser.SignUpAsync(userName, userName + "@example.com");
        return browser;
    }

    private static async Task<string[]> PagesAsync(SiteBrowser browser, IEnumerable<string> paths)
    {
        var pages = new List<string>();
        foreach (var path in paths)
        {
            pages.Add(await browser.GetPageAsync(path));
        }

        return [.. pages];
    }

    [GeneratedRegex("(?:src|href)=\"(/[^/\"][^\"]*\\.(?:js|css|svg)(?:\\?[^\"]*)?)\"")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("https?://[^\\s\"'<>()`]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScriptPattern();
}
