using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests;

public class ProviderTests
{
    private static readonly Guid GooglePasswordManager = new("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");
    private static readonly Guid Contoso = new("5a5a5a5a-0000-4000-8000-000000000001");
    private const string Svg = "data:image/svg+xml;base64,PHN2Zy8+";

    [Test]
    public async Task The_passkey_list_names_each_provider_with_its_icons_and_unknown_ones_Passkey()
    {
        await using var host = await PasskeysTestHost.StartAsync();
        using var browser = new PasskeyBrowser(host, authenticator: new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin, Aaguid = GooglePasswordManager });
        using (var signUp = await browser.SignUpAsync("alice"))
        {
            Assert.That((int)signUp.StatusCode, Is.EqualTo(200));
        }

        var unknown = new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
        using (var added = await browser.AddPasskeyAsync(unknown))
        {
            Assert.That((int)added.StatusCode, Is.EqualTo(201));
            var body = JsonNode.Parse(await added.Content.ReadAsStringAsync())!;
            Assert.That(body["credential"]!["provider"]!["name"]!.GetValue<string>(), Is.EqualTo("Passkey"));
        }

        var list = await browser.ListAsync();
        var google = list.Single(p => p!["aaguid"]!.GetValue<Guid>() == GooglePasswordManager)!;
        var other = list.Single(p => p!["aaguid"]!.GetValue<Guid>() == Guid.Empty)!;
        Assert.Multiple(() =>
        {
            Assert.That(google["name"]!.GetValue<string>(), Is.EqualTo("Google Password Manager"), "named after its provider at creation");
            Assert.That(google["provider"]!["name"]!.GetValue<string>(), Is.EqualTo("Google Password Manager"));
            Assert.That(google["provider"]!["iconLight"]!.GetValue<string>(), Does.StartWith("data:image/svg+xml;base64,"));
            Assert.That(google["provider"]!["iconDark"]!.GetValue<string>(), Does.StartWith("data:image/svg+xml;base64,"));
            Assert.That(google["authenticator"], Is.Null, "the old member is gone");
            Assert.That(other["name"], Is.Null, "an unknown provider gives no name");
            Assert.That(other["provider"]!["name"]!.GetValue<string>(), Is.EqualTo("Passkey"));
            Assert.That(other["provider"]!["iconLight"], Is.Null);
            Assert.That(other["provider"]!["iconDark"], Is.Null);
        });
    }

    [Test]
    public async Task A_renamed_passkey_keeps_its_provider()
    {
        await using var host = await PasskeysTestHost.StartAsync();
        using var browser = new PasskeyBrowser(host, authenticator: new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin, Aaguid = GooglePasswordManager });
        (await browser.SignUpAsync("alice")).Dispose();
        var id = (await browser.ListAsync()).Single()!["id"]!.GetValue<string>();
        using var renamed = await browser.Client.PatchJsonAsync($"/passkeys/credentials/{id}", new { name = "<b>Work phone</b>" });
        var body = JsonNode.Parse(await renamed.Content.ReadAsStringAsync())!;
        Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo("<b>Work phone</b>"), "stored as typed; pages encode it");
        Assert.That(body["provider"]!["name"]!.GetValue<string>(), Is.EqualTo("Google Password Manager"));
    }

    [Test]
    public async Task Providers_bound_from_configuration_add_to_and_replace_the_list()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelyingPartyId"] = "localhost",
            ["Origins:0"] = "https://localhost",
            [$"Providers:{Contoso}:Name"] = "Contoso Key",
            [$"Providers:{Contoso}:IconLight"] = Svg,
            [$"Providers:{Contoso}:IconDark"] = "https://contoso.example/key-dark.svg",
            [$"Providers:{GooglePasswordManager}:Name"] = "Google",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPasskeys(configuration).AddInMemoryStores();
        await using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<IPasskeyProviderCatalog>();
        Assert.Multiple(() =>
        {
            Assert.That(catalog.Find(Contoso)?.Name, Is.EqualTo("Contoso Key"));
            Assert.That(catalog.Find(Contoso)?.IconLight, Is.EqualTo(Svg));
            Assert.That(catalog.Find(Contoso)?.IconDark, Is.EqualTo("https://contoso.example/key-dark.svg"));
            Assert.That(catalog.Find(GooglePasswordManager)?.Name, Is.EqualTo("Google"));
            Assert.That(catalog.Find(GooglePasswordManager)?.IconLight, Does.StartWith("data:image/svg+xml;base64,"));
        });
    }

    [Test]
    public async Task The_community_list_can_be_switched_off_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelyingPartyId"] = "localhost",
            ["Origins:0"] = "https://localhost",
            ["UseCommunityProviderList"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPasskeys(configuration).AddInMemoryStores();
        await using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IPasskeyProviderCatalog>().Find(GooglePasswordManager), Is.Null);
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [TestCase("http://contoso.example/key.png")]
    [TestCase("https://contoso.example/key.png\" onerror=\"alert(1)")]
    public void A_hostile_configured_icon_stops_the_app_at_start_up(string icon)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await PasskeysTestHost.StartAsync(features: f => f.Services.Configure<PasskeyProviderOptions>(o =>
                o.Providers[Contoso.ToString()] = new PasskeyProvider { Name = "Contoso Key", IconLight = icon }));
        });
        Assert.That(failure!.Message, Does.Contain($"Passkeys:Providers:{Contoso}:IconLight"));
    }
}
