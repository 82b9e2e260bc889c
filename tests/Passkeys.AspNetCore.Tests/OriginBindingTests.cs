using System.Security.Cryptography;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// Related origins and Android app origins verify, and each ceremony completes only from the origin it began on.
/// </summary>
public class OriginBindingTests
{
    private const string Subdomain = "https://app.localhost";
    private const string Related = "https://example.co.uk";
    private const string OtherRelated = "https://example.de";

    private static readonly string[] WebOrigins = [PasskeysTestHost.Origin, Subdomain, Related, OtherRelated];

    private static readonly string AndroidApp = "android:apk-key-hash:" + Convert.ToBase64String(SHA256.HashData("app"u8)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static readonly string OtherAndroidApp = "android:apk-key-hash:" + Convert.ToBase64String(SHA256.HashData("other"u8)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Task<PasskeysTestHost> StartAsync(bool fastPath = true) => PasskeysTestHost.StartAsync(passkeys: o =>
    {
        o.Origins = [PasskeysTestHost.Origin, Subdomain, AndroidApp];
        o.RelatedOrigins = [Related, OtherRelated];
        o.UseAssertionFastPath = fastPath;
    });

    // Every ordered pair of configured web origins: begun on the first (its Origin header, its cookies), answered by
    // an authenticator in a page of the second. Only the same origin completes; nothing is stored otherwise.
    [Test]
    public async Task A_sign_up_completes_only_from_the_origin_it_began_on()
    {
        await using var host = await StartAsync();
        var n = 0;
        foreach (var begun in WebOrigins)
        {
            foreach (var answered in WebOrigins)
            {
                var name = $"signup{n++}";
                using var browser = new PasskeyBrowser(host, begun, new SoftwareAuthenticator { Origin = answered });
                using var response = await browser.SignUpAsync(name);
                if (begun == answered)
                {
                    Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{begun} → {answered}: {await response.Content.ReadAsStringAsync()}");
                    Assert.That(await host.CountAsync(name), Is.EqualTo((1, 1)));
                }
                else
                {
                    var problem = await response.ReadProblemAsync(400, PasskeyErrorCodes.OriginMismatch);
                    Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("started from"), $"{begun} → {answered}");
                    Assert.That(await host.CountAsync(name), Is.EqualTo((0, 0)), $"{begun} → {answered} stored something");
                }
            }
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_sign_in_completes_only_from_the_origin_it_began_on_on_both_verification_paths(bool fastPath)
    {
        await using var host = await StartAsync(fastPath);
        var authenticator = new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
        using (var signUp = new PasskeyBrowser(host, PasskeysTestHost.Origin, authenticator))
        {
            Assert.That((int)(await signUp.SignUpAsync("ivan")).StatusCode, Is.EqualTo(200));
        }

        foreach (var begun in WebOrigins)
        {
            foreach (var answered in WebOrigins)
            {
                authenticator.Origin = answered;
                using var browser = new PasskeyBrowser(host, begun, authenticator);
                using var response = await browser.LoginAsync("ivan");
                if (begun == answered)
                {
                    Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{begun} → {answered}: {await response.Content.ReadAsStringAsync()}");
                }
                else
                {
                    await response.ReadProblemAsync(401, PasskeyErrorCodes.OriginMismatch);
                    Assert.That(browser.Client.Cookie("__Host-.Passkeys"), Is.Null, $"{begun} → {answered} signed in");
                }
            }
        }
    }

    [Test]
    public async Task A_related_origin_page_signs_up_adds_a_passkey_and_confirms_with_the_relying_party_id_of_the_main_site()
    {
        await using var host = await StartAsync();
        using var browser = new PasskeyBrowser(host, Related);
        Assert.That((int)(await browser.SignUpAsync("judy")).StatusCode, Is.EqualTo(200));
        Assert.That(browser.LastOptions, Does.Contain("\"id\":\"localhost\""), "the options name the main site's relying party id");
        Assert.That((int)(await browser.ReauthenticateAsync()).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await browser.AddPasskeyAsync(new SoftwareAuthenticator { Origin = Related })).StatusCode, Is.EqualTo(201));
        Assert.That(await host.CountAsync("judy"), Is.EqualTo((1, 2)));
    }

    [TestCase("https://evil.example")]
    [TestCase("https://example.co.uk.evil.example")]
    [TestCase("https://example.fr")]
    [TestCase("http://example.co.uk")]
    public async Task A_page_of_an_unconfigured_origin_is_refused_before_any_ceremony(string origin)
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient(origin);
        using var response = await client.PostJsonAsync("/passkeys/login/options", "{}");
        await response.ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
    }

    [Test]
    public async Task An_unbound_ceremony_still_refuses_a_response_from_an_unconfigured_origin()
    {
        await using var host = await StartAsync();
        using var browser = new PasskeyBrowser(host, PasskeysTestHost.Origin, new SoftwareAuthenticator { Origin = "https://evil.example" });
        browser.Client.Origin = null;
        await (await browser.SignUpAsync("kim")).ReadProblemAsync(400, PasskeyErrorCodes.OriginMismatch);
        Assert.That(await host.CountAsync("kim"), Is.EqualTo((0, 0)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_configured_android_app_signs_up_and_signs_in(bool fastPath)
    {
        await using var host = await StartAsync(fastPath);
        using var app = new PasskeyBrowser(host, PasskeysTestHost.Origin, new SoftwareAuthenticator { Origin = AndroidApp });
        app.Client.Origin = null;   // an app's own HTTP client sends no Origin header
        Assert.That((int)(await app.SignUpAsync("leo")).StatusCode, Is.EqualTo(200));
        using var login = await app.LoginAsync();
        Assert.That((int)login.StatusCode, Is.EqualTo(200), await login.Content.ReadAsStringAsync());
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task An_unconfigured_android_app_is_refused(bool fastPath)
    {
        await using var host = await StartAsync(fastPath);
        var authenticator = new SoftwareAuthenticator { Origin = AndroidApp };
        using var app = new PasskeyBrowser(host, PasskeysTestHost.Origin, authenticator);
        app.Client.Origin = null;
        Assert.That((int)(await app.SignUpAsync("mia")).StatusCode, Is.EqualTo(200));

        authenticator.Origin = OtherAndroidApp;
        await (await app.LoginAsync()).ReadProblemAsync(401, PasskeyErrorCodes.OriginMismatch);
        await (await app.SignUpAsync("nina")).ReadProblemAsync(400, PasskeyErrorCodes.OriginMismatch);
        Assert.That(await host.CountAsync("nina"), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task A_ceremony_begun_in_a_web_page_is_not_completed_by_an_android_app()
    {
        await using var host = await StartAsync();
        using var page = new PasskeyBrowser(host, PasskeysTestHost.Origin, new SoftwareAuthenticator { Origin = AndroidApp });
        await (await page.SignUpAsync("olga")).ReadProblemAsync(400, PasskeyErrorCodes.OriginMismatch);
    }
}
