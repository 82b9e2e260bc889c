using System.Security.Cryptography;
using System.Text.Json;
using DemoSite.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// The Signal API as passkeys.js calls it, read through a stub of <c>PublicKeyCredential.signal*</c> (the DevTools
/// protocol does not expose the calls): the complete list of the user's passkeys and their details after every list
/// and delete, nothing from a failed list, and <c>signalUnknownCredential</c> on the server's definite answer only.
/// </summary>
public class SignalApiTests : BrowserTest
{
    // Records every signal call of the tab in session storage, which outlives the page's navigations.
    private const string SignalRecorder = """
        (() => {
          if (typeof PublicKeyCredential === 'undefined') return;
          for (const name of ['signalUnknownCredential', 'signalAllAcceptedCredentials', 'signalCurrentUserDetails']) {
            Object.defineProperty(PublicKeyCredential, name, {
              configurable: true,
              writable: true,
              value: (argument) => {
                const calls = JSON.parse(sessionStorage.getItem('test:signals') || '[]');
                calls.push({ name, argument });
                sessionStorage.setItem('test:signals', JSON.stringify(calls));
                return Promise.resolve();
              },
            });
          }
        })();
        """;

    [SetUp]
    public Task InstallSignalRecorder() => Context.AddInitScriptAsync(SignalRecorder);

    [Test]
    public async Task Listing_adding_and_deleting_passkeys_signal_the_complete_list_and_the_users_details()
    {
        var user = TestUser.Named("Signal Sue");
        await SignUpAsync(user);
        var first = (await Authenticator.GetCredentialsAsync()).Single();
        await Page.GetByTestId("nav-passkeys").ClickAsync();
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 1 passkey.");

        await ExpectLastSignalAsync("signalAllAcceptedCredentials", new { rpId = "localhost", userId = first.UserHandle, allAcceptedCredentialIds = new[] { first.Id } });
        await ExpectLastSignalAsync("signalCurrentUserDetails", new { rpId = "localhost", userId = first.UserHandle, name = user.UserName, displayName = user.DisplayName });

        await Authenticator.RemoveAsync();
        var securityKey = await AddAuthenticatorAsync();
        await Page.GetByTestId("passkey-add").ClickAsync();
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 2 passkeys.");
        var second = (await securityKey.GetCredentialsAsync()).Single();
        var both = (await Page.GetByTestId("passkey-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.passkeyId)"));
        Assert.That(both, Is.EquivalentTo(new[] { first.Id, second.Id }));
        await ExpectLastSignalAsync("signalAllAcceptedCredentials", new { rpId = "localhost", userId = first.UserHandle, allAcceptedCredentialIds = both });

        var added = Page.Locator($"[data-testid=passkey-item][data-passkey-id=\"{second.Id}\"]");
        await added.GetByTestId("passkey-delete").ClickAsync();
        await added.GetByTestId("passkey-delete-confirm").ClickAsync();
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 1 passkey.");

        await ExpectLastSignalAsync("signalAllAcceptedCredentials", new { rpId = "localhost", userId = first.UserHandle, allAcceptedCredentialIds = new[] { first.Id } });
        Assert.That((await SignalsAsync()).Where(s => s.Name == "signalUnknownCredential"), Is.Empty);
    }

    [Test]
    public async Task A_failed_list_signals_nothing()
    {
        await SignUpAsync(TestUser.Named("Partial Pat"));
        await Page.RouteAsync("**/passkeys/credentials", route => route.Request.Method == "GET"
            ? route.FulfillAsync(new RouteFulfillOptions { Status = 503, ContentType = "application/problem+json", Body = """{"title":"The service is busy.","status":503}""" })
            : route.ContinueAsync());
        var before = (await SignalsAsync()).Length;

        await Page.GetByTestId("nav-passkeys").ClickAsync();

        await Expect(Page.GetByTestId("passkeys-error")).Not.ToBeEmptyAsync();
        Assert.That(await SignalsAsync(), Has.Length.EqualTo(before), "no signal from a list that failed");
    }

    [Test]
    public async Task A_passkey_the_site_does_not_know_is_signalled_unknown_from_a_discoverable_sign_in()
    {
        // A passkey for this site the site never stored (deleted here, say): the browser offers it to autofill.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var id = RandomNumberGenerator.GetBytes(16);
        var credential = new Infrastructure.VirtualCredential(JsonSerializer.SerializeToElement(new
        {
            credentialId = Convert.ToBase64String(id),
            isResidentCredential = true,
            rpId = "localhost",
            privateKey = Convert.ToBase64String(key.ExportPkcs8PrivateKey()),
            userHandle = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            signCount = 0,
        }));
        await Authenticator.AddCredentialAsync(credential);

        await Page.GotoAsync("/login");

        await Expect(Page.GetByTestId("login-error")).ToContainTextAsync("This passkey is no longer registered here.");
        await ExpectLastSignalAsync("signalUnknownCredential", new { rpId = "localhost", credentialId = credential.Id });
        Assert.That((await SignalsAsync()).Select(s => s.Name), Is.EqualTo(new[] { "signalUnknownCredential" }));
    }

    [Test]
    public async Task Hints_given_to_passkeys_js_reach_the_options_the_page_requested()
    {
        var user = TestUser.Named("Hinted Hal");
        await SignUpAsync(user);
        await Context.ClearCookiesAsync();

        // Autofill's request stays unanswered, so the page does not sign in before the call below.
        await ShowUserNameFieldWithAutofillWaitingAsync(() => Page.GotoAsync("/login"));

        var signedIn = false;
        var options = await Page.RunAndWaitForResponseAsync(
            async () => signedIn = await Page.EvaluateAsync<bool>("""
                async () => {
                  const passkeys = await import('/_content/Passkeys.AspNetCore/passkeys.js');
                  const result = await passkeys.login({ hints: ['client-device', 'hybrid'] });
                  return !!(result && result.verified);
                }
                """),
            r => r.Url.EndsWith("/passkeys/login/options", StringComparison.Ordinal) && r.Request.PostData!.Contains("hints", StringComparison.Ordinal));

        using var sent = JsonDocument.Parse(options.Request.PostData!);
        using var answered = JsonDocument.Parse(await options.TextAsync());
        Assert.That(sent.RootElement.GetProperty("hints").EnumerateArray().Select(h => h.GetString()), Is.EqualTo(new[] { "client-device", "hybrid" }));
        Assert.That(answered.RootElement.GetProperty("hints").EnumerateArray().Select(h => h.GetString()), Is.EqualTo(new[] { "client-device", "hybrid" }));
        Assert.That(signedIn, Is.True, "the passkey signed in with those options");
    }

    private async Task<(string Name, string Argument)[]> SignalsAsync()
    {
        var json = await Page.EvaluateAsync<string>("() => sessionStorage.getItem('test:signals') || '[]'");
        using var calls = JsonDocument.Parse(json);
        return calls.RootElement.EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("argument").GetRawText()))
            .ToArray();
    }

    // Waits until the last call of `name` has exactly `expected` as its argument (the calls follow the page's requests).
    private async Task ExpectLastSignalAsync(string name, object expected)
    {
        var want = JsonSerializer.Serialize(expected);
        var deadline = DateTime.UtcNow + BrowserSuite.Patience;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await SignalsAsync()).LastOrDefault(s => s.Name == name).Argument;
            if (last is not null && JsonEquals(last, want))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The last {name} was {last ?? "never sent"}; expected {want}.");
    }

    private static bool JsonEquals(string a, string b)
        => JsonSerializer.Serialize(JsonDocument.Parse(a)) == JsonSerializer.Serialize(JsonDocument.Parse(b));
}
