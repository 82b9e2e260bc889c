using System.Text.RegularExpressions;
using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>A device without a passkey: a sign-in link by email, then "Set up this device", then that passkey signs in.</summary>
public class EmailLinkTests : BrowserTest
{
    [Test]
    public async Task Emailed_link_signs_in_a_new_device_which_sets_up_its_own_passkey_and_signs_in_with_it_next_time()
    {
        var user = TestUser.Named("Annie Easley");
        await SignUpOnAnotherDeviceAsync(user);

        // This browser remembers nobody and its authenticator holds no passkey for the site.
        await ShowUserNameFieldWithAutofillWaitingAsync(() => Page.GotoAsync("/login"));
        await Page.GetByTestId("login-show-email").ClickAsync();
        await Expect(Page.GetByTestId("login-email-address")).ToBeFocusedAsync();
        await Page.GetByTestId("login-email-address").PressSequentiallyAsync(user.Email);
        await Page.GetByTestId("login-email-send").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/email-login/sent"));
        await Expect(Page.GetByTestId("email-sent-address")).ToHaveTextAsync(user.Email);
        await Expect(Page.GetByTestId("email-sent-pickup")).ToContainTextAsync(".eml");
        var link = await PickupMailbox.WaitForSignInLinkAsync(Site.PickupDirectory, user.Email);
        Assert.That(link.GetLeftPart(UriPartial.Authority), Is.EqualTo(Site.Address.GetLeftPart(UriPartial.Authority)), "The link points at the site.");

        await Page.GotoAsync(link.ToString());
        await Expect(Page.GetByTestId("email-confirm-name")).ToHaveTextAsync($"{user.DisplayName} ({user.UserName})");
        await Expect(Page).Not.ToHaveURLAsync(new Regex("token="));
        await ScreenshotAsync("confirm");
        await Page.GetByTestId("email-confirm-button").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-passkey-count")).ToHaveTextAsync("1");
        await Expect(Page.GetByTestId("setup-device")).ToBeVisibleAsync();
        await Page.GetByTestId("setup-device-button").ClickAsync();

        await Expect(Toast("success")).ToContainTextAsync("This device is set up: next time, sign in with its passkey.");
        await Expect(Page.GetByTestId("setup-device")).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("profile-passkey-count")).ToHaveTextAsync("2");
        var passkey = (await Authenticator.GetCredentialsAsync()).Single();
        Assert.That(passkey.UserName, Is.EqualTo(user.UserName));

        await LogOutAsync();
        await Page.GetByTestId("nav-login").ClickAsync();
        await Expect(Page.GetByTestId("login-remembered-name")).ToHaveTextAsync(user.DisplayName);
        await Page.GetByTestId("login-remembered-passkey").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        await Expect(Page.GetByTestId("setup-device")).ToHaveCountAsync(0);
        Assert.That((await Authenticator.GetCredentialsAsync()).Single().SignCount, Is.GreaterThan(passkey.SignCount), "This device's new passkey signed in.");
    }
}
