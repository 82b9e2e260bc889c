using System.Text.RegularExpressions;
using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// Step-up in the sample: once the passkey sign-in is older than the window, deleting a passkey asks for a passkey
/// (passkeys.js answers 401 reauthentication_required with the ceremony) and then succeeds, with no extra click.
/// </summary>
public class StepUpTests : BrowserTest
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Deleting_a_passkey_after_the_window_asks_for_a_passkey_and_then_succeeds()
    {
        // A site of its own with the shortest window, so the test waits half a minute rather than five.
        await using var site = await SiteProcess.StartAsync(new Dictionary<string, string>
        {
            ["Passkeys__RecentAuthenticationWindow"] = "00:00:30",
        });
        string At(string path) => new Uri(site.Address, path).ToString();
        var user = TestUser.Named("Barbara Liskov");

        await Page.GotoAsync(At("/register"));
        await Page.GetByTestId("register-display-name").FillAsync(user.DisplayName);
        await Page.GetByTestId("register-username").FillAsync(user.UserName);
        await Page.GetByTestId("register-email").FillAsync(user.Email);
        await Page.GetByTestId("register-submit").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/profile"));
        var first = (await Authenticator.GetCredentialsAsync()).Single();

        // A second passkey on a security key (the first device put away), added within the window.
        await Authenticator.RemoveAsync();
        var securityKey = await AddAuthenticatorAsync();
        await Page.GotoAsync(At("/profile/passkeys"));
        await Page.GetByTestId("passkey-add").ClickAsync();
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 2 passkeys.");
        var signCount = (await securityKey.GetCredentialsAsync()).Single().SignCount;
        var requests = (await CredentialRequestsAsync()).Length;

        await Task.Delay(Window + TimeSpan.FromSeconds(2));
        var item = Page.Locator($"[data-testid=passkey-item][data-passkey-id=\"{first.Id}\"]");
        await item.GetByTestId("passkey-delete").ClickAsync();
        await item.GetByTestId("passkey-delete-confirm").ClickAsync();

        await Expect(Toast("success")).ToContainTextAsync("Passkey deleted.");
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 1 passkey.");
        Assert.That(await CredentialRequestsAsync(), Has.Length.EqualTo(requests + 1), "one passkey request: the confirmation");
        Assert.That((await securityKey.GetCredentialsAsync()).Single().SignCount, Is.GreaterThan(signCount), "the security key confirmed");
    }
}
