using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>A protected page opened signed out sends the person to the login page, and back after sign-in.</summary>
public class ProtectedPageTests : Infrastructure.BrowserTest
{
    [Test]
    public async Task Passkeys_page_opened_signed_out_goes_to_login_and_comes_back_after_signing_in()
    {
        var user = await SignUpAndLogOutAsync("Frances Allen");

        await Page.GotoAsync("/profile/passkeys");

        await Expect(Page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Fprofile%2Fpasskeys$"));
        await Expect(Page.GetByTestId("login")).ToHaveAttributeAsync("data-return-url", "/profile/passkeys");
        await Expect(Page.GetByTestId("login-remembered-name")).ToHaveTextAsync(user.DisplayName);
        await Page.GetByTestId("login-remembered-passkey").ClickAsync();

        await ExpectSignedInOnAsync("/profile/passkeys");
        await Expect(Page.GetByTestId("passkey-item")).ToHaveCountAsync(1);
        await Expect(Toast("success")).ToContainTextAsync("You are signed in.");
        await ScreenshotAsync("back-on-passkeys");
    }
}
