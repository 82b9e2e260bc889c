using System.Text.RegularExpressions;
using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// The automatic passkey upgrade after a sign-in by emailed link: the profile page offers the browser a conditional
/// create, and the passkey the password manager saves is added without a button. Chromium leaves a conditional create
/// waiting for its own password manager's conditions, which a virtual authenticator never meets, so a stub lets it
/// through as an ordinary create (the server's acceptance of UP=0 is proven over HTTP: AutomaticUpgradeTests).
/// </summary>
public class AutomaticUpgradeTests : BrowserTest
{
    // Records each create() the page makes and answers a conditional one with the virtual authenticator.
    private const string ConditionalCreate = """
        (() => {
          window.__creates = [];
          const create = navigator.credentials.create.bind(navigator.credentials);
          navigator.credentials.create = (options) => {
            window.__creates.push(options.mediation || 'modal');
            const { mediation, ...rest } = options;
            return create(rest);
          };
          PublicKeyCredential.getClientCapabilities = async () => ({ conditionalCreate: true, conditionalGet: true });
        })();
        """;

    [Test]
    public async Task After_an_emailed_link_the_password_manager_saves_a_passkey_without_a_button_and_it_signs_in_next_time()
    {
        await Context.AddInitScriptAsync(ConditionalCreate);
        var user = TestUser.Named("Grace Upgrade");
        await SignUpOnAnotherDeviceAsync(user);

        await SignInByLinkAsync(user);

        await Expect(Toast("success")).ToContainTextAsync("Your password manager saved a passkey for this device");
        await Expect(Page.GetByTestId("profile-passkey-count")).ToHaveTextAsync("2");
        await Expect(Page.GetByTestId("setup-device")).ToHaveCountAsync(0);
        Assert.That(await Page.EvaluateAsync<string[]>("() => window.__creates"), Is.EqualTo(new[] { "conditional" }), "no modal request");
        var passkey = (await Authenticator.GetCredentialsAsync()).Single();
        Assert.That(passkey.UserName, Is.EqualTo(user.UserName));

        await LogOutAsync();
        await Page.GetByTestId("nav-login").ClickAsync();
        await Page.GetByTestId("login-remembered-passkey").ClickAsync();
        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
    }

    [Test]
    public async Task A_browser_without_conditional_create_keeps_the_set_up_button_and_the_page_asks_nothing()
    {
        await Context.AddInitScriptAsync("PublicKeyCredential.getClientCapabilities = async () => ({ conditionalCreate: false });");
        var user = TestUser.Named("Hedy Button");
        await SignUpOnAnotherDeviceAsync(user);
        var upgradeCalls = 0;
        Page.Request += (_, request) => upgradeCalls += request.Url.Contains("/passkeys/credentials/upgrade", StringComparison.Ordinal) ? 1 : 0;

        await SignInByLinkAsync(user);

        await Expect(Page.GetByTestId("setup-device")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("setup-device-button")).ToBeEnabledAsync();
        Assert.That(upgradeCalls, Is.Zero);
        Assert.That(await Authenticator.GetCredentialsAsync(), Is.Empty);
    }

    private async Task SignInByLinkAsync(TestUser user)
    {
        await ShowUserNameFieldWithAutofillWaitingAsync(() => Page.GotoAsync("/login"));
        await Page.GetByTestId("login-show-email").ClickAsync();
        await Page.GetByTestId("login-email-address").PressSequentiallyAsync(user.Email);
        await Page.GetByTestId("login-email-send").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/email-login/sent"));
        var link = await PickupMailbox.WaitForSignInLinkAsync(Site.PickupDirectory, user.Email);
        await Page.GotoAsync(link.ToString());
        await Page.GetByTestId("email-confirm-button").ClickAsync();
        await ExpectSignedInOnAsync("/profile");
    }
}
