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

    [Test]
    public async Task Changing_the_address_on_the_profile_sends_a_link_to_the_new_one_keeps_the_old_until_verified_and_sends_again()
    {
        var user = TestUser.Named("Mary Jackson");
        await SignUpAsync(user);
        await VerifyEmailAsync(Page, user);
        var newAddress = "new-" + user.Email;
        await Page.GotoAsync("/profile");
        await Expect(Page.GetByTestId("email-pending")).ToBeHiddenAsync();

        await Page.GetByTestId("email-new").FillAsync(newAddress);
        await Page.GetByTestId("email-change").ClickAsync();

        await Expect(Page.GetByTestId("email-status")).ToHaveTextAsync($"We sent a link to {newAddress}. Open it to verify the address; until then {user.Email} stays.");
        await Expect(Page.GetByTestId("email-pending-address")).ToHaveTextAsync(newAddress);
        await Expect(Page.GetByTestId("email-verified")).ToHaveTextAsync(user.Email);
        await Expect(Page.GetByTestId("email-new")).ToHaveValueAsync(string.Empty);
        var first = await PickupMailbox.WaitForVerificationLinkAsync(Site.PickupDirectory, newAddress);
        await ScreenshotAsync("pending");

        await Page.GetByTestId("email-resend").ClickAsync();
        await Expect(Toast("success")).ToContainTextAsync($"We sent the link again to {newAddress}.");
        var deadline = DateTime.UtcNow + BrowserSuite.Patience;
        var newest = first;

        // Uri equality ignores the fragment, where the token is.
        while (newest.Fragment == first.Fragment && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            newest = await PickupMailbox.WaitForVerificationLinkAsync(Site.PickupDirectory, newAddress);
        }

        Assert.That(newest.Fragment, Is.Not.EqualTo(first.Fragment), "Send again wrote another link");
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("profile-email")).ToHaveTextAsync(user.Email);
        await Expect(Page.GetByTestId("email-pending-address")).ToHaveTextAsync(newAddress);

        await VerifyEmailAsync(Page, user with { Email = newAddress });
    }

    [Test]
    public async Task Not_using_the_address_waiting_for_verification_drops_it_and_its_link_no_longer_works()
    {
        var user = TestUser.Named("Dorothy Vaughan");
        await SignUpAsync(user);
        var link = await PickupMailbox.WaitForVerificationLinkAsync(Site.PickupDirectory, user.Email);

        await Page.GetByTestId("email-pending-cancel").ClickAsync();

        await Expect(Page.GetByTestId("email-status")).ToHaveTextAsync("Your account has no email address now.");
        await Expect(Page.GetByTestId("email-pending")).ToBeHiddenAsync();
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("email-pending")).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("email-verified")).ToHaveTextAsync("none");

        await Page.GotoAsync(link.ToString());
        await Expect(Page.GetByTestId("email-verify-error")).ToContainTextAsync("the account now asks for another address");
        await Expect(Page.GetByTestId("email-verify-ready")).ToBeHiddenAsync();
    }
}
