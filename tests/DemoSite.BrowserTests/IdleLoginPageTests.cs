using System.Net;
using System.Text.Json;
using DemoSite.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// A login page left open: passkeys.js renews its autofill request a little before the options expire (and when the
/// server answers that they had), and each renewal takes the previous ceremony from the server, so a page open for
/// hours still signs in and holds one ceremony.
/// </summary>
public class IdleLoginPageTests : BrowserTest
{
    private static readonly TimeSpan ShortLifetime = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_passkey_picked_after_more_than_the_ceremony_lifetime_signs_in()
    {
        // The site's clock cannot be moved (a process of its own), so its ceremonies live 30 seconds and the page
        // waits 35 in real time, past the lifetime of the request it made on load.
        await using var site = await SiteProcess.StartAsync(new Dictionary<string, string> { ["Passkeys__CeremonyTimeout"] = ShortLifetime.ToString() });
        var user = TestUser.Named("Idle Ida");
        await SignUpAsync(user, site);
        await Context.ClearCookiesAsync();
        await Authenticator.SetAutomaticPresenceAsync(false);
        await Page.GotoAsync(new Uri(site.Address, "/login").ToString());
        await WaitForAutofillRequestsAsync(1);
        var first = await CeremonyCookieAsync();

        await Task.Delay(ShortLifetime + TimeSpan.FromSeconds(5));

        // Renewed at 15 and 30 seconds: the request waiting now is younger than its options.
        Assert.That((await CredentialRequestsAsync()).Count(r => r == "conditional"), Is.GreaterThanOrEqualTo(2), "autofill was renewed");
        Assert.That(await CeremonyCookieAsync(), Is.Not.EqualTo(first), "the ceremony was replaced");

        // The person picks the passkey: the virtual authenticator answers the next request (the one waiting cannot be
        // answered later), made at the next renewal, at most 15 seconds away.
        await Authenticator.SetAutomaticPresenceAsync(true);

        await Expect(Page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "true");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
    }

    [Test]
    public async Task Hours_of_renewals_leave_the_server_one_ceremony_for_the_browser()
    {
        await Page.Clock.InstallAsync();
        await Authenticator.SetAutomaticPresenceAsync(false);
        await Page.GotoAsync("/login");
        await WaitForAutofillRequestsAsync(1);
        await Page.Clock.PauseAtAsync(DateTime.UtcNow.AddMinutes(1));
        var ceremonies = new List<string> { await CeremonyCookieAsync() };

        // Renewed every 4 minutes (a minute before the 5-minute lifetime): 45 renewals are 3 hours of an open page.
        const int Renewals = 45;
        for (var i = 0; i < Renewals; i++)
        {
            await Page.RunAndWaitForResponseAsync(
                () => Page.Clock.RunForAsync((long)TimeSpan.FromMinutes(4).Add(TimeSpan.FromSeconds(1)).TotalMilliseconds),
                r => r.Url.EndsWith("/passkeys/login/options", StringComparison.Ordinal) && r.Status == 200);
            await WaitForAutofillRequestsAsync(i + 2);
            ceremonies.Add(await CeremonyCookieAsync());
        }

        Assert.That(ceremonies.Distinct().Count(), Is.EqualTo(Renewals + 1), "each renewal is a new ceremony");
        var answers = new List<string>();
        foreach (var id in ceremonies)
        {
            answers.Add(await ProbeAsync(id));
        }

        // A probe takes the ceremony it names: every earlier one is gone from the store, the last one is there.
        Assert.That(answers.Take(Renewals), Is.All.EqualTo("challenge_not_found"));
        Assert.That(answers[^1], Is.EqualTo("malformed_response"), "the current ceremony is still in the store");
    }

    // Lets the test hide and show the tab: document.visibilityState and a visibilitychange event, as switching tabs.
    private const string VisibilitySwitch = """
        (() => {
          let hidden = false;
          Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
          Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
          window.testSetHidden = (value) => {
            hidden = value;
            document.dispatchEvent(new Event('visibilitychange'));
          };
        })();
        """;

    [Test]
    public async Task A_hidden_tab_asks_nothing_of_the_server_and_renews_as_soon_as_it_is_shown()
    {
        await Context.AddInitScriptAsync(VisibilitySwitch);
        await Page.Clock.InstallAsync();
        await Authenticator.SetAutomaticPresenceAsync(false);
        await Page.GotoAsync("/login");
        await WaitForAutofillRequestsAsync(1);
        await Page.Clock.PauseAtAsync(DateTime.UtcNow.AddMinutes(1));
        var first = await CeremonyCookieAsync();
        var optionsRequests = 0;
        Page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/passkeys/login/options", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref optionsRequests);
            }
        };

        await Page.EvaluateAsync("() => window.testSetHidden(true)");
        await Page.Clock.RunForAsync((long)TimeSpan.FromHours(3).TotalMilliseconds);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That(optionsRequests, Is.Zero, "three hidden hours, no request");

        await Page.EvaluateAsync("() => window.testSetHidden(false)");
        await WaitForAutofillRequestsAsync(2);

        Assert.That(optionsRequests, Is.EqualTo(1), "one renewal when shown");
        Assert.That(await CeremonyCookieAsync(), Is.Not.EqualTo(first));
        Assert.That(await ProbeAsync(first), Is.EqualTo("challenge_not_found"), "the renewal took the stale ceremony");
    }

    [Test]
    public async Task A_sign_in_refused_as_expired_renews_autofill_and_the_next_pick_signs_in()
    {
        var user = TestUser.Named("Expired Ezra");
        await SignUpAsync(user);
        await Context.ClearCookiesAsync();

        // The first verify call is answered as the server answers options that expired while the laptop slept.
        var refused = 0;
        await Page.RouteAsync("**/passkeys/login", async route =>
        {
            if (route.Request.Method == "POST" && Interlocked.Increment(ref refused) == 1)
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 401,
                    ContentType = "application/problem+json",
                    Body = """{"title":"Not signed in.","status":401,"detail":"The ceremony is unknown, already completed or expired.","code":"challenge_not_found","verified":false}""",
                });
                return;
            }

            await route.ContinueAsync();
        });
        await Page.GotoAsync("/login");

        await Expect(Page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "true");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        Assert.That(refused, Is.EqualTo(2), "refused once, then the renewed request signed in");
        Assert.That(await CredentialRequestsAsync(), Is.EqualTo(new[] { "conditional", "conditional" }));
    }

    // Polled from here: the page's own timers may be the test's fake clock, paused.
    private async Task WaitForAutofillRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow + BrowserSuite.Patience;
        while ((await CredentialRequestsAsync()).Count(r => r == "conditional") < count)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"autofill request {count} was not made");
            await Task.Delay(50);
        }

        // A round trip through the browser process, which received the page's request before this command.
        await Authenticator.GetCredentialsAsync();
    }

    // The id of the sign-in ceremony the browser's cookie names (HttpOnly: read through the browser context).
    private async Task<string> CeremonyCookieAsync()
    {
        var cookies = await Context.CookiesAsync();
        return cookies.Single(c => c.Name.EndsWith(".auth", StringComparison.Ordinal)).Value;
    }

    // Sends a verify call naming the ceremony with an empty response: challenge_not_found when the store no longer
    // holds it, malformed_response when it did (and took it).
    private async Task<string> ProbeAsync(string ceremonyId)
    {
        var name = (await Context.CookiesAsync()).Single(c => c.Name.EndsWith(".auth", StringComparison.Ordinal)).Name;
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Site.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/passkeys/login") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Cookie", $"{name}={ceremonyId}");
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString()!;
    }
}
