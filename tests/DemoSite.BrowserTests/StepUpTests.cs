using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// Step-up in the sample: once the passkey sign-in is older than the window, deleting a passkey asks for a passkey
/// (passkeys.js answers 401 reauthentication_required with the ceremony) and then succeeds, with no extra click.
/// </summary>
public class StepUpTests : BrowserTest
{
    [Test]
    public async Task Deleting_a_passkey_after_the_window_asks_for_a_passkey_and_then_succeeds()
    {
        await using var site = await StartSiteWithShortWindowAsync();
        string At(string path) => new Uri(site.Address, path).ToString();
        await SignUpAsync(TestUser.Named("Barbara Liskov"), site);
        var first = (await Authenticator.GetCredentialsAsync()).Single();

        // A second passkey on a security key (the first device put away), added within the window.
        await Authenticator.RemoveAsync();
        var securityKey = await AddAuthenticatorAsync();
        await Page.GotoAsync(At("/profile/passkeys"));
        await Page.GetByTestId("passkey-add").ClickAsync();
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 2 passkeys.");
        var signCount = (await securityKey.GetCredentialsAsync()).Single().SignCount;
        var requests = (await CredentialRequestsAsync()).Length;

        await Task.Delay(ShortWindow + TimeSpan.FromSeconds(2));
        var item = Page.Locator($"[data-testid=passkey-item][data-passkey-id=\"{first.Id}\"]");
        await item.GetByTestId("passkey-delete").ClickAsync();
        await item.GetByTestId("passkey-delete-confirm").ClickAsync();

        await Expect(Toast("success")).ToContainTextAsync("Passkey deleted.");
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 1 passkey.");
        Assert.That(await CredentialRequestsAsync(), Has.Length.EqualTo(requests + 1), "one passkey request: the confirmation");
        Assert.That((await securityKey.GetCredentialsAsync()).Single().SignCount, Is.GreaterThan(signCount), "the security key confirmed");
    }
}
