using System.Text.RegularExpressions;
using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// "Delete account" on the profile: the page says what goes and asks first; once the passkey sign-in is older than the
/// window, passkeys.js asks for a passkey (401 reauthentication_required) and then the account is deleted, with no
/// extra click; the browser lands home, signed out and no longer remembering the user.
/// </summary>
public class AccountDeletionTests : BrowserTest
{
    [Test]
    public async Task Deleting_the_account_after_the_window_asks_in_the_page_then_for_a_passkey_and_lands_home_signed_out()
    {
        await using var site = await StartSiteWithShortWindowAsync();
        string At(string path) => new Uri(site.Address, path).ToString();
        await SignUpAsync(TestUser.Named("Grace Hopper"), site);

        // The button only asks; "Keep it" changes nothing.
        var confirmation = Page.GetByTestId("delete-account-confirmation");
        await Expect(confirmation).ToBeHiddenAsync();
        await Page.GetByTestId("delete-account-button").ClickAsync();
        await Expect(confirmation).ToBeVisibleAsync();
        await Expect(confirmation).ToContainTextAsync("Your account, its passkey and sign-in on every device are deleted; this cannot be undone. The passkeys stay on your devices until you remove them there.");
        await ScreenshotAsync("confirmation");
        await Page.GetByTestId("delete-account-cancel").ClickAsync();
        await Expect(confirmation).ToBeHiddenAsync();
        Assert.That(await AccountStatusAsync(), Is.EqualTo(200), "still signed in after Keep it");
        var requests = (await CredentialRequestsAsync()).Length;

        await Task.Delay(ShortWindow + TimeSpan.FromSeconds(2));
        await Page.GetByTestId("delete-account-button").ClickAsync();
        await Page.GetByTestId("delete-account-confirm").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(At("/")) + @"(\?.*)?$"));
        await Expect(Toast("success")).ToContainTextAsync("Your account is deleted");
        await Expect(Page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "false");
        await ScreenshotAsync("deleted");
        Assert.That(await CredentialRequestsAsync(), Has.Length.EqualTo(requests + 1), "one passkey request: the confirmation");
        Assert.That(await AccountStatusAsync(), Is.EqualTo(401), "signed out");
        Assert.That(await Page.EvaluateAsync<int>("async () => (await fetch('/passkeys/remembered', { credentials: 'same-origin' })).status"),
            Is.EqualTo(204), "the browser no longer remembers the user");
        Assert.That(site.Log, Does.Contain("deleted their account and its 1 passkeys"));
    }

    private Task<int> AccountStatusAsync()
        => Page.EvaluateAsync<int>("async () => (await fetch('/passkeys/account', { credentials: 'same-origin' })).status");
}
