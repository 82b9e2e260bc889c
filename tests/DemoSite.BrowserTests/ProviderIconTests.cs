using System.Text;
using DemoSite.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// The passkeys page names each passkey's provider with its icon, light or dark with the page, from a provider
/// configured for the AAGUID of Chromium's virtual authenticator; names are shown as text, never as markup.
/// </summary>
public class ProviderIconTests : BrowserTest
{
    // The AAGUID of Chromium's virtual CTAP2 authenticator (device/fido/virtual_ctap2_device.cc).
    private const string VirtualAaguid = "01020304-0506-0708-0102-030405060708";
    private const string ProviderName = "Chromium virtual key";

    private static readonly string IconLight = Svg("#4f46e5", "#ffffff");
    private static readonly string IconDark = Svg("#a5a0ff", "#10111a");

    [Test]
    public async Task Each_passkey_shows_its_provider_name_and_icon_and_names_stay_text()
    {
        await using var site = await SiteProcess.StartAsync(new Dictionary<string, string>
        {
            [$"Passkeys__Providers__{VirtualAaguid}__Name"] = ProviderName,
            [$"Passkeys__Providers__{VirtualAaguid}__IconLight"] = IconLight,
            [$"Passkeys__Providers__{VirtualAaguid}__IconDark"] = IconDark,
        });
        await SignUpAsync(TestUser.Named("Ada Lovelace"), site);
        await Page.GotoAsync(new Uri(site.Address, "/profile/passkeys").ToString());
        var item = Page.GetByTestId("passkey-item");
        await Expect(item).ToHaveCountAsync(1);

        // Named after its provider at creation, and the provider's icon beside the provider's name.
        await Expect(item.GetByTestId("passkey-name")).ToHaveTextAsync(ProviderName);
        await Expect(item.GetByTestId("passkey-authenticator")).ToHaveTextAsync(ProviderName);
        var image = item.GetByTestId("passkey-icon-light");
        await Expect(item.GetByTestId("passkey-icon")).ToBeVisibleAsync();
        await Expect(item.GetByTestId("passkey-icon-fallback")).ToBeHiddenAsync();
        await Expect(image).ToHaveAttributeAsync("src", IconLight);
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.That(await image.EvaluateAsync<int>("i => i.naturalWidth"), Is.GreaterThan(0), "the icon loaded (CSP allows data: images)");
        Assert.That(await image.EvaluateAsync<string>("i => i.currentSrc"), Is.EqualTo(IconLight));

        await Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await Expect(image).ToHaveJSPropertyAsync("currentSrc", IconDark);
        await Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        await Expect(image).ToHaveJSPropertyAsync("currentSrc", IconLight);

        // A second passkey from another device of the same provider, renamed: the README's screenshot.
        await Authenticator.RemoveAsync();
        var laptop = await AddAuthenticatorAsync();
        await Page.GetByTestId("passkey-add").ClickAsync();
        await Expect(item).ToHaveCountAsync(2);
        var second = Page.Locator($"[data-testid=passkey-item][data-passkey-id=\"{(await laptop.GetCredentialsAsync()).Single().Id}\"]");
        await RenameAsync(second, "Work laptop");
        await Expect(Page.GetByTestId("passkey-icon")).ToHaveCountAsync(2);
        await ScreenshotAsync("passkeys-with-providers");

        // A name with markup is text: no element is made of it, and nothing runs (a dialog would fail the test).
        const string hostile = "<img src=x onerror=alert(1)><b>bold</b>";
        await RenameAsync(second, hostile);
        await Expect(second.GetByTestId("passkey-name")).ToHaveTextAsync(hostile);
        Assert.That(await second.GetByTestId("passkey-name").Locator("*").CountAsync(), Is.Zero);
    }

    private static async Task RenameAsync(ILocator item, string name)
    {
        await item.GetByTestId("passkey-rename").ClickAsync();
        await item.GetByTestId("passkey-rename-input").FillAsync(name);
        await item.GetByTestId("passkey-rename-save").ClickAsync();
        await Expect(item.GetByTestId("passkey-name")).ToHaveTextAsync(name);
    }

    private static string Svg(string badge, string key)
        => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><rect width="24" height="24" rx="6" fill="{badge}"/><circle cx="9" cy="12" r="3.5" fill="none" stroke="{key}" stroke-width="2"/><path d="M12.5 12H19m-2.5 0v2.5" fill="none" stroke="{key}" stroke-width="2" stroke-linecap="round"/></svg>"""));
}
