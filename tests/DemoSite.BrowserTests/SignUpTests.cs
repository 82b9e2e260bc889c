using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

public class SignUpTests : BrowserTest
{
    [Test]
    public async Task Sign_up_creates_a_passkey_and_lands_on_the_profile_with_a_success_toast_and_the_account_data()
    {
        var user = TestUser.Named("Ada Lovelace");

        await SignUpAsync(user);

        await Expect(Toast("success")).ToContainTextAsync("Setup complete: your account and its passkey are ready.");
        await Expect(Toast("success")).ToContainTextAsync("We sent a link to your email address: open it to verify the address.");
        await Expect(Page.GetByTestId("profile-name")).ToHaveTextAsync(user.DisplayName);
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);

        // The address is not the account's until verified: no verified email yet, and it waits for its link.
        await Expect(Page.GetByTestId("profile-email")).ToHaveTextAsync("—");
        await Expect(Page.GetByTestId("email-pending-address")).ToHaveTextAsync(user.Email);
        await Expect(Page.GetByTestId("email-pending")).ToContainTextAsync("waiting for verification");
        await Expect(Page.GetByTestId("profile-passkey-count")).ToHaveTextAsync("1");
        await ScreenshotAsync("profile");

        var credentials = await Authenticator.GetCredentialsAsync();
        Assert.That(credentials, Has.Count.EqualTo(1), "The passkey lives in the device's authenticator.");
        Assert.Multiple(() =>
        {
            Assert.That(credentials[0].RelyingPartyId, Is.EqualTo("localhost"));
            Assert.That(credentials[0].IsResidentCredential, Is.True, "A discoverable passkey, so sign-in needs no user name.");
        });
    }
}
