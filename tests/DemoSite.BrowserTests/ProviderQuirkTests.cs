using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>What real providers and extensions do to the page, and that sign-up and sign-in survive it.</summary>
public class ProviderQuirkTests : BrowserTest
{
    // Some password-manager extensions replace the credential object, and its toJSON() throws. Calls are counted in
    // the tab's session storage, which outlives the navigations between pages.
    private const string BrokenToJson = """
        (() => {
          PublicKeyCredential.prototype.toJSON = function () {
            sessionStorage.brokenToJsonCalls = String(Number(sessionStorage.brokenToJsonCalls || 0) + 1);
            throw new TypeError('toJSON broken by an extension');
          };
        })();
        """;

    private const string Calls = "Number(sessionStorage.brokenToJsonCalls || 0)";

    [Test]
    public async Task A_credential_whose_toJSON_throws_still_signs_up_and_signs_in_through_the_fallback()
    {
        await Context.AddInitScriptAsync(BrokenToJson);
        var user = TestUser.Named("Ada Lovelace");

        await SignUpAsync(user);
        var afterSignUp = await Page.EvaluateAsync<int>(Calls);
        await LogOutAsync();
        await Page.GetByTestId("nav-login").ClickAsync();
        await Page.GetByTestId("login-remembered-passkey").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-username")).ToHaveTextAsync(user.UserName);
        var afterSignIn = await Page.EvaluateAsync<int>(Calls);
        Assert.That((afterSignUp, afterSignIn), Is.EqualTo((1, 2)), "each ceremony called the broken toJSON and went on without it");
    }
}
