using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests.StepUp;

/// <summary>
/// The app's own sensitive endpoints: <c>RequireRecentPasskey()</c> on an endpoint or a route group, and the
/// <see cref="PasskeysDefaults.RecentPasskeyPolicy"/> policy (or <c>RequireRecentPasskey()</c> on a policy builder),
/// answer the same 401 <c>reauthentication_required</c> problem to an API call once the passkey ceremony is old.
/// </summary>
public class RequireRecentPasskeyTests
{
    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync(endpoints: app =>
    {
        app.MapPost("/app/transfer", () => Results.Ok("sent")).RequireRecentPasskey();
        var group = app.MapGroup("/app/admin").RequireRecentPasskey(TimeSpan.FromMinutes(1));
        group.MapPost("/wipe", () => Results.Ok("wiped"));
        app.MapGet("/app/policy", () => Results.Ok("policy")).RequireAuthorization(PasskeysDefaults.RecentPasskeyPolicy);
        app.MapGet("/app/custom-policy", () => Results.Ok("custom"))
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PasskeysDefaults.AuthenticationScheme).RequireRecentPasskey(TimeSpan.FromMinutes(1)));
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task The_filter_lets_a_fresh_passkey_session_through_and_refuses_an_old_one_until_it_reauthenticates()
    {
        using var browser = await SignedInAsync();
        await AssertOkAsync(await browser.Client.PostJsonAsync("/app/transfer", "{}"), "sent");

        _host.Time.Advance(StepUpTests.BeyondWindow);
        await (await browser.Client.PostJsonAsync("/app/transfer", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);

        (await browser.ReauthenticateAsync()).Dispose();
        await AssertOkAsync(await browser.Client.PostJsonAsync("/app/transfer", "{}"), "sent");
    }

    [Test]
    public async Task The_filter_on_a_group_uses_its_own_window_and_refuses_without_a_session()
    {
        using var browser = await SignedInAsync();
        _host.Time.Advance(TimeSpan.FromSeconds(50));
        await AssertOkAsync(await browser.Client.PostJsonAsync("/app/admin/wipe", "{}"), "wiped");

        _host.Time.Advance(TimeSpan.FromSeconds(20));
        await (await browser.Client.PostJsonAsync("/app/admin/wipe", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        await AssertOkAsync(await browser.Client.PostJsonAsync("/app/transfer", "{}"), "sent");

        using var stranger = _host.CreateClient();
        await (await stranger.PostJsonAsync("/app/admin/wipe", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
    }

    [Test]
    public async Task The_filter_refuses_a_session_ended_elsewhere_though_its_passkey_sign_in_is_recent()
    {
        using var browser = await SignedInAsync();
        using var other = new PasskeyBrowser(_host, authenticator: browser.Authenticator);
        (await other.LoginAsync("alice")).Dispose();
        (await browser.Client.PostJsonAsync("/passkeys/logout-others", "{}")).Dispose();

        // Ended by the new stamp, though its passkey sign-in is recent: the filter checks the stamp.
        await (await other.Client.PostJsonAsync("/app/transfer", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
    }

    [Test]
    public async Task The_policy_answers_an_api_call_with_the_problem_and_a_page_navigation_with_a_challenge()
    {
        using var browser = await SignedInAsync();
        await AssertOkAsync(await browser.Client.GetAsync("/app/policy"), "policy");

        _host.Time.Advance(StepUpTests.BeyondWindow);
        await (await browser.Client.GetAsync("/app/policy")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        using (var page = await browser.Client.SendAsync(HttpMethod.Get, "/app/policy", null, r => r.Headers.Add("Accept", "text/html")))
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "sign in again");
            Assert.That(page.Headers.Location?.ToString(), Does.Contain("ReturnUrl=%2Fapp%2Fpolicy"));
        }

        (await browser.ReauthenticateAsync()).Dispose();
        await AssertOkAsync(await browser.Client.GetAsync("/app/policy"), "policy");
    }

    [Test]
    public async Task A_policy_built_with_RequireRecentPasskey_uses_its_own_window()
    {
        using var browser = await SignedInAsync();
        _host.Time.Advance(TimeSpan.FromSeconds(50));
        await AssertOkAsync(await browser.Client.GetAsync("/app/custom-policy"), "custom");

        _host.Time.Advance(TimeSpan.FromSeconds(20));
        await (await browser.Client.GetAsync("/app/custom-policy")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        await AssertOkAsync(await browser.Client.GetAsync("/app/policy"), "policy");
    }

    [Test]
    public void A_window_of_zero_or_less_is_refused_when_the_endpoint_is_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasskeyRecentAuthenticationRequirement(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuthorizationPolicyBuilder().RequireRecentPasskey(TimeSpan.FromSeconds(-1)));
    }

    private async Task<PasskeyBrowser> SignedInAsync()
    {
        var browser = new PasskeyBrowser(_host);
        using var signUp = await browser.SignUpAsync("alice");
        Assert.That(signUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return browser;
    }

    private static async Task AssertOkAsync(HttpResponseMessage response, string body)
    {
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo($"\"{body}\""));
        }
    }
}
