using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// On https the session, ceremony and remembered-user cookies take the <c>__Host-</c> prefix with the attributes it
/// requires; on http (http://localhost in development) they keep their names and everything still works.
/// </summary>
public class CookiePrefixTests
{
    private const string HttpOrigin = "http://localhost";

    private static readonly string[] PasskeyCookies = [".Passkeys.Ceremony.reg", ".Passkeys.Session", ".Passkeys.User"];

    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync(passkeys: o => o.Origins = [PasskeysTestHost.Origin, HttpOrigin]);

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task On_https_every_passkey_cookie_has_the_Host_prefix_Secure_Path_root_and_no_Domain()
    {
        using var browser = new PasskeyBrowser(_host);
        var setCookies = await SignUpCollectingCookiesAsync(browser);

        foreach (var name in PasskeyCookies)
        {
            var header = setCookies.FirstOrDefault(c => c.StartsWith("__Host-" + name + "=", StringComparison.Ordinal));
            Assert.That(header, Is.Not.Null, $"{name} is set with the prefix; set: {string.Join(" | ", setCookies)}");
            var attributes = Attributes(header!);
            Assert.Multiple(() =>
            {
                Assert.That(attributes, Does.Contain("secure"), $"{name}: Secure");
                Assert.That(attributes, Does.Contain("path=/"), $"{name}: Path=/");
                Assert.That(attributes.Any(a => a.StartsWith("domain", StringComparison.Ordinal)), Is.False, $"{name}: no Domain");
            });
        }

        Assert.That(setCookies.Where(c => c.StartsWith(".Passkeys.", StringComparison.Ordinal)), Is.Empty, "no cookie without the prefix");
        Assert.That((await browser.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task On_https_cookies_without_the_prefix_are_ignored()
    {
        using var browser = new PasskeyBrowser(_host);
        await SignUpCollectingCookiesAsync(browser);
        using var tossed = _host.CreateClient();
        foreach (var name in new[] { ".Passkeys.Session", ".Passkeys.User" })
        {
            tossed.Cookies.Add(tossed.BaseAddress, new Cookie(name, browser.Client.Cookie("__Host-" + name)));
        }

        await (await tossed.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        Assert.That((await tossed.GetAsync("/passkeys/remembered")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "the remembered user");
    }

    [Test]
    public async Task On_http_the_cookies_keep_their_names_and_sign_up_sign_out_others_and_remembering_work()
    {
        using var browser = new PasskeyBrowser(_host, HttpOrigin);
        var setCookies = await SignUpCollectingCookiesAsync(browser);

        foreach (var name in PasskeyCookies)
        {
            var header = setCookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));
            Assert.That(header, Is.Not.Null, $"{name} is set under its own name; set: {string.Join(" | ", setCookies)}");
            Assert.That(Attributes(header!), Does.Not.Contain("secure"), $"{name} is not Secure on http, or the browser would drop it");
        }

        Assert.That(setCookies.Where(c => c.StartsWith("__Host-", StringComparison.Ordinal)), Is.Empty, "no prefixed cookie on http");
        Assert.That((await browser.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await browser.Client.PostJsonAsync("/passkeys/logout-others", "{}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await browser.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still signed in");
        Assert.That((await browser.Client.PostJsonAsync("/passkeys/logout", "{}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await browser.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "signed out");
        Assert.That((await browser.Client.GetAsync("/passkeys/remembered")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still remembered");
    }

    [Test]
    public async Task A_session_cookie_with_an_app_chosen_Domain_keeps_its_name()
    {
        await _host.DisposeAsync();
        _host = await PasskeysTestHost.StartAsync(features: b => b.Services.Configure<CookieAuthenticationOptions>(
            PasskeysDefaults.AuthenticationScheme, o => o.Cookie.Domain = "localhost"));
        using var browser = new PasskeyBrowser(_host);

        var setCookies = await SignUpCollectingCookiesAsync(browser);

        Assert.That(setCookies.FirstOrDefault(c => c.StartsWith(".Passkeys.Session=", StringComparison.Ordinal)), Does.Contain("domain=localhost"));
    }

    // Signs up step by step, returning every Set-Cookie header of the options request and of the sign-up.
    private static async Task<List<string>> SignUpCollectingCookiesAsync(PasskeyBrowser browser)
    {
        var all = new List<string>();
        using var options = await browser.Client.PostJsonAsync("/passkeys/register/options", new { userName = "alice" });
        Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.OK), await options.Content.ReadAsStringAsync());
        all.AddRange(browser.Client.LastSetCookies);
        var response = browser.Authenticator.CreateCredential(await options.Content.ReadAsStringAsync());
        using var signUp = await browser.Client.PostJsonAsync("/passkeys/register", response);
        Assert.That(signUp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signUp.Content.ReadAsStringAsync());
        all.AddRange(browser.Client.LastSetCookies);
        return all;
    }

    private static string[] Attributes(string setCookie)
        => [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];
}
