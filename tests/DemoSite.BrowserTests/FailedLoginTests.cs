using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>A sign-in that fails says so in the page (never a dialog: the base class fails on one) and can be retried.</summary>
public class FailedLoginTests : BrowserTest
{
    [Test]
    public async Task Login_without_the_authenticator_shows_a_friendly_message_and_works_once_it_is_back()
    {
        var user = await SignUpAndLogOutAsync("Barbara Liskov");
        var passkey = (await Authenticator.GetCredentialsAsync()).Single();

        // The device with the passkey is gone; the browser still has a platform authenticator, without it.
        await Authenticator.RemoveAsync();
        var empty = await AddAuthenticatorAsync();
        await Page.GetByTestId("login-remembered-passkey").ClickAsync();

        var error = Page.GetByTestId("login-error");
        await Expect(error).ToHaveTextAsync("Sign-in was cancelled or timed out. Try again, or email yourself a link.");
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        await Expect(Page.GetByTestId("login-status")).ToBeEmptyAsync();
        await Expect(Page.GetByTestId("login-remembered-passkey")).ToBeEnabledAsync();
        await Expect(Page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "false");
        await ScreenshotAsync("failed");

        // The device is back.
        await empty.RemoveAsync();
        var device = await AddAuthenticatorAsync();
        await device.AddCredentialAsync(passkey);
        await Page.GetByTestId("login-remembered-passkey").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        Assert.That((await device.GetCredentialsAsync()).Single().SignCount, Is.GreaterThan(passkey.SignCount), "The returned device signed the sign-in.");
    }
}
