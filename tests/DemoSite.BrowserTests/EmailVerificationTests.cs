using System.Text.RegularExpressions;
using DemoSite.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// Verified email in the sample: the address given at sign-up waits on the profile until its owner opens the link from
/// the pickup folder and presses the button; then the profile shows it verified, and it gets sign-in links.
/// </summary>
public class EmailVerificationTests : BrowserTest
{
    [Test]
    public async Task Address_is_verified_from_the_link_in_the_pickup_folder_and_the_profile_shows_it_verified()
    {
        var user = TestUser.Named("Katherine Johnson");
        await SignUpAsync(user);
        await Expect(Page.GetByTestId("email-pending-address")).ToHaveTextAsync(user.Email);
        await Expect(Page.GetByTestId("email-verified")).ToHaveTextAsync("none");

        var link = await PickupMailbox.WaitForVerificationLinkAsync(Site.PickupDirectory, user.Email);
        Assert.That(link.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(Site.Address, "/email/verify").ToString()));
        Assert.That(link.Fragment, Does.StartWith("#token="), "The token travels in the fragment, which no server sees.");
        await Page.GotoAsync(link.ToString());

        await Expect(Page.GetByTestId("email-verify-address")).ToHaveTextAsync(user.Email);
        await Expect(Page.GetByTestId("email-verify-username")).ToHaveTextAsync(user.UserName);
        await Expect(Page.GetByTestId("email-verify-ready")).ToContainTextAsync("Only if you created this account.");
        await Expect(Page).Not.ToHaveURLAsync(new Regex("token="));
        await ScreenshotAsync("confirm");
        await Page.GetByTestId("email-verify-button").ClickAsync();

        await Expect(Page.GetByTestId("email-verify-done")).ToContainTextAsync($"Your address {user.Email} is confirmed.");
        await Expect(Page.GetByTestId("email-verify-ready")).ToBeHiddenAsync();
        await ScreenshotAsync("verified");
        await Page.GetByTestId("email-verify-profile").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await Expect(Page.GetByTestId("profile-email")).ToHaveTextAsync(user.Email);
        await Expect(Page.GetByTestId("email-verified")).ToHaveTextAsync(user.Email);
        await Expect(Page.GetByTestId("email-verified-badge")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("email-pending")).ToBeHiddenAsync();

        // The same link again: used up.
        await Page.GotoAsync(link.ToString());
        await Expect(Page.GetByTestId("email-verify-error")).ToContainTextAsync("This link is invalid, was already used, or has expired");
        await Expect(Page.GetByTestId("email-verify-ready")).ToBeHiddenAsync();
    }
}
