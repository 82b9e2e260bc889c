using DemoSite.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>The passkeys page: a second passkey from another authenticator, renamed and deleted; never the last one.</summary>
public class PasskeyManagementTests : BrowserTest
{
    [Test]
    public async Task Second_passkey_from_another_authenticator_is_added_renamed_and_deleted()
    {
        var user = TestUser.Named("Margaret Hamilton");
        await SignUpAsync(user);
        var first = (await Authenticator.GetCredentialsAsync()).Single();
        await Page.GetByTestId("nav-passkeys").ClickAsync();
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 1 passkey.");

        // The first device is put away, so the browser creates the new passkey on the second one.
        await Authenticator.RemoveAsync();
        var securityKey = await AddAuthenticatorAsync();
        await Page.GetByTestId("passkey-add").ClickAsync();

        await Expect(Toast("success")).ToContainTextAsync("Passkey added.");
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 2 passkeys.");
        var second = (await securityKey.GetCredentialsAsync()).Single();
        Assert.That(second.Id, Is.Not.EqualTo(first.Id));
        var items = Page.GetByTestId("passkey-item");
        await Expect(items).ToHaveCountAsync(2);
        var added = Passkey(second.Id);
        await Expect(added).ToBeVisibleAsync();
        await Expect(added.GetByTestId("passkey-last-used")).ToHaveTextAsync("Not yet");
        await Expect(added.GetByTestId("passkey-sync")).ToHaveAttributeAsync("data-sync", "device-bound");

        await added.GetByTestId("passkey-rename").ClickAsync();
        var nameField = added.GetByTestId("passkey-rename-input");
        await Expect(nameField).ToBeFocusedAsync();
        await nameField.FillAsync("Blue security key");
        await added.GetByTestId("passkey-rename-save").ClickAsync();

        await Expect(Toast("success")).ToContainTextAsync("Passkey renamed.");
        await Expect(added.GetByTestId("passkey-name")).ToHaveTextAsync("Blue security key");
        await Expect(added.GetByTestId("passkey-rename-form")).ToBeHiddenAsync();
        await ScreenshotAsync("two-passkeys");

        await added.GetByTestId("passkey-delete").ClickAsync();
        await Expect(added.GetByTestId("passkey-delete-confirmation")).ToBeVisibleAsync();
        await added.GetByTestId("passkey-delete-confirm").ClickAsync();

        await Expect(Toast("success")).ToContainTextAsync("Passkey deleted.");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(Passkey(first.Id)).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 1 passkey.");
        await Page.GetByTestId("nav-profile").ClickAsync();
        await Expect(Page.GetByTestId("profile-passkey-count")).ToHaveTextAsync("1");
    }

    [Test]
    public async Task Last_passkey_cannot_be_deleted_and_a_warning_says_why()
    {
        await SignUpAsync(TestUser.Named("Radia Perlman"));
        var only = (await Authenticator.GetCredentialsAsync()).Single();
        await Page.GetByTestId("nav-passkeys").ClickAsync();
        var item = Passkey(only.Id);
        await Expect(item).ToBeVisibleAsync();

        await item.GetByTestId("passkey-delete").ClickAsync();
        await item.GetByTestId("passkey-delete-confirm").ClickAsync();

        await Expect(Toast("warning")).ToContainTextAsync("This is your only passkey. Add another one before removing it.");
        await Expect(item.GetByTestId("passkey-delete-confirmation")).ToBeHiddenAsync();
        await Expect(item.GetByTestId("passkey-delete")).ToBeFocusedAsync();
        await ScreenshotAsync("last-passkey");
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("passkey-item")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 1 passkey.");
    }

    // Chromium's Signal API acts on the virtual authenticators: a list read before a passkey was added, signalled
    // after, would remove the new passkey from its device.
    [Test]
    public async Task A_list_read_before_a_passkey_was_added_never_removes_the_new_passkey()
    {
        await SignUpAsync(TestUser.Named("Rita Race"));
        var release = new TaskCompletionSource();
        var armed = false;
        var accountReads = 0;
        await Page.RouteAsync("**/passkeys/account", async route =>
        {
            // The passkeys page's list: its second read of the account (after the list) waits until the add is done.
            if (Volatile.Read(ref armed) && Interlocked.Increment(ref accountReads) == 2)
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        await Authenticator.RemoveAsync();
        var securityKey = await AddAuthenticatorAsync();
        Volatile.Write(ref armed, true);
        await Page.GetByTestId("nav-passkeys").ClickAsync();
        var deadline = DateTime.UtcNow + BrowserSuite.Patience;
        while (Volatile.Read(ref accountReads) < 2)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the page read its list");
            await Task.Delay(50);
        }

        await Page.GetByTestId("passkey-add").ClickAsync();
        await Expect(Page.GetByTestId("passkeys-status")).ToHaveTextAsync("You have 2 passkeys.");
        Assert.That(await securityKey.GetCredentialsAsync(), Has.Count.EqualTo(1));
        release.SetResult();
        await Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.That(await securityKey.GetCredentialsAsync(), Has.Count.EqualTo(1), "the new passkey is still on its device");
    }

    private ILocator Passkey(string id) => Page.Locator($"[data-testid=passkey-item][data-passkey-id=\"{id}\"]");
}
