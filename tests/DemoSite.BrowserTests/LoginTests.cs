using DemoSite.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// Signing in: as the remembered user, by autofill after "Switch user", by a typed user name, without a name
/// (discoverable), and from the user name field's autofill in a browser that remembers nobody.
/// </summary>
public class LoginTests : BrowserTest
{
    [Test]
    public async Task Remembered_user_is_greeted_by_name_after_logging_out_and_signs_back_in_with_the_passkey_button()
    {
        var user = TestUser.Named("Grace Hopper");
        await SignUpAsync(user);

        await LogOutAsync();
        await Expect(Toast("success")).ToContainTextAsync("You are signed out. This device still remembers you.");
        await Page.GetByTestId("nav-login").ClickAsync();

        await Expect(Page.GetByTestId("login-remembered")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("login-remembered-name")).ToHaveTextAsync(user.DisplayName);
        await Expect(Page.GetByTestId("login-chooser")).ToBeHiddenAsync();
        await ScreenshotAsync("remembered");

        await Page.GetByTestId("login-remembered-passkey").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await Expect(Toast("success")).ToContainTextAsync("You are signed in.");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        Assert.That(await CredentialRequestsAsync(), Is.EqualTo(new[] { "optional" }), "The remembered panel starts no autofill request.");
    }

    [Test]
    public async Task Switch_user_with_a_passkey_on_this_device_signs_in_at_once_from_the_user_name_fields_autofill()
    {
        var user = await SignUpAndLogOutAsync("Alan Turing");

        // The virtual authenticator answers the autofill request as soon as the field appears, like a person who
        // picks the passkey offered there straight away.
        await Page.GetByTestId("login-switch-user").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        Assert.That(await CredentialRequestsAsync(), Is.EqualTo(new[] { "conditional" }), "Signed in by autofill, no button pressed.");
        await ScreenshotAsync("signed-in");
    }

    [Test]
    public async Task Typed_user_name_picks_that_users_passkey_among_several_on_the_device_and_is_remembered_next()
    {
        // Two accounts with passkeys on this device; the browser remembers the one who signed up last.
        var user = TestUser.Named("Katherine Johnson");
        await SignUpAsync(user);
        await LogOutAsync();
        var other = await SignUpAndLogOutAsync("Mary Jackson");
        await Expect(Page.GetByTestId("login-remembered-name")).ToHaveTextAsync(other.DisplayName);
        Assert.That(await Authenticator.GetCredentialsAsync(), Has.Count.EqualTo(2));

        await ShowUserNameFieldWithAutofillWaitingAsync(() => Page.GetByTestId("login-switch-user").ClickAsync());
        await Expect(Page.GetByTestId("login-remembered")).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("login-username")).ToBeFocusedAsync();
        await Page.GetByTestId("login-username").PressSequentiallyAsync(user.UserName);
        await ScreenshotAsync("typed");
        var options = await Page.RunAndWaitForRequestAsync(() => Page.GetByTestId("login-passkey").ClickAsync(), LoginOptionsRequest);

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        var sentUserName = options.PostDataJSON()?.GetProperty("userName").GetString();
        var requests = await CredentialRequestsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(sentUserName, Is.EqualTo(user.UserName), "The button asked for the typed user's passkeys.");
            Assert.That(requests, Is.EqualTo(new[] { "conditional", "optional" }), "The autofill request waited; the button signed in.");
        });

        await LogOutAsync();
        await Page.GetByTestId("nav-login").ClickAsync();
        await Expect(Page.GetByTestId("login-remembered-name")).ToHaveTextAsync(user.DisplayName);
    }

    [Test]
    public async Task Passkey_button_with_an_empty_user_name_signs_in_with_the_discoverable_passkey()
    {
        var user = await SignUpAndLogOutAsync("Dorothy Vaughan");
        await ShowUserNameFieldWithAutofillWaitingAsync(() => Page.GetByTestId("login-switch-user").ClickAsync());
        await Expect(Page.GetByTestId("login-username")).ToBeEmptyAsync();

        var options = await Page.RunAndWaitForRequestAsync(
            () => Page.GetByTestId("login-passkey").ClickAsync(),
            LoginOptionsRequest);

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        var sentFields = options.PostDataJSON()?.EnumerateObject().Count();
        var requests = await CredentialRequestsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(sentFields, Is.Zero, "No user name was sent: the passkey says who it is.");
            Assert.That(requests, Is.EqualTo(new[] { "conditional", "optional" }), "The autofill request waited; the button signed in.");
        });
        await ScreenshotAsync("signed-in");
    }

    [Test]
    public async Task Autofill_in_the_user_name_field_signs_in_when_the_browser_remembers_nobody()
    {
        var user = TestUser.Named("Hedy Lamarr");
        await SignUpAsync(user);
        // Cookies cleared: signed out and remembered by nobody, the passkey still on the device.
        await Context.ClearCookiesAsync();

        await Page.GotoAsync("/login");

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        await Expect(Toast("success")).ToContainTextAsync("You are signed in.");
        Assert.That(await CredentialRequestsAsync(), Is.EqualTo(new[] { "conditional" }), "The user name field's autofill signed in; no button was pressed.");
        await ScreenshotAsync("signed-in");
    }

    private static bool LoginOptionsRequest(IRequest request) => request.Url.EndsWith("/passkeys/login/options", StringComparison.Ordinal);
}
