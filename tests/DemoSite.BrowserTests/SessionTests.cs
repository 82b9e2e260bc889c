using System.Text.RegularExpressions;
using DemoSite.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>"Sign out other sessions" on the profile: another browser's session ends, this one stays signed in.</summary>
public class SessionTests : BrowserTest
{
    [Test]
    public async Task Sign_out_other_sessions_ends_the_other_browsers_session_and_keeps_this_one()
    {
        var user = TestUser.Named("Frances Allen");
        await SignUpAsync(user);
        await VerifyEmailAsync(Page, user);
        await using var other = await BrowserSuite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Site.Address.ToString() });
        other.SetDefaultTimeout((float)BrowserSuite.Patience.TotalMilliseconds);
        var otherPage = await other.NewPageAsync();
        await SignInByEmailAsync(otherPage, user);
        Assert.That(await AccountStatusAsync(otherPage), Is.EqualTo(200), "the other browser is signed in");

        await Page.GotoAsync("/profile");
        await Page.GetByTestId("sign-out-others").ClickAsync();

        await Expect(Toast("success")).ToContainTextAsync("Signed out of every other session. This browser stays signed in.");
        await Expect(Page.GetByTestId("sign-out-others")).ToBeEnabledAsync();
        await ScreenshotAsync("signed-out-others");
        Assert.That(await AccountStatusAsync(otherPage), Is.EqualTo(401), "the other browser's next passkey request");
        await otherPage.GotoAsync("/profile");
        await Expect(otherPage).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fprofile$"));
        await Page.ReloadAsync();
        await ExpectSignedInOnAsync("/profile");
        Assert.That(await AccountStatusAsync(Page), Is.EqualTo(200), "this browser stays signed in");
    }

    private static Task<int> AccountStatusAsync(IPage page)
        => page.EvaluateAsync<int>("async () => (await fetch('/passkeys/account', { credentials: 'same-origin' })).status");

    // Signs in on a browser without the passkey, by the link emailed to the user.
    private static async Task SignInByEmailAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/login");
        await page.GetByTestId("login-show-email").ClickAsync();
        await page.GetByTestId("login-email-address").PressSequentiallyAsync(user.Email);
        await page.GetByTestId("login-email-send").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/email-login/sent"));
        var link = await PickupMailbox.WaitForSignInLinkAsync(Site.PickupDirectory, user.Email);
        await page.GotoAsync(link.ToString());
        await page.GetByTestId("email-confirm-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/profile"));
    }
}
