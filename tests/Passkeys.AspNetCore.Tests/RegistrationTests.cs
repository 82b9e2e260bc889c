using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Tests;

public class RegistrationTests
{
    [Test]
    public async Task Add_passkeys_twice_is_harmless_and_binds_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelyingPartyId"] = "example.com",
            ["Origins:0"] = "https://example.com",
            ["DefaultReturnUrl"] = "/profile",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPasskeys(configuration).AddInMemoryStores();
        services.AddPasskeys(configuration).AddInMemoryStores();
        await using var provider = services.BuildServiceProvider();

        var schemes = await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        Assert.That(schemes.Count(s => s.Name == PasskeysDefaults.AuthenticationScheme), Is.EqualTo(1));
        Assert.That((await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetDefaultAuthenticateSchemeAsync())?.Name,
            Is.EqualTo(PasskeysDefaults.AuthenticationScheme));
        Assert.That(provider.GetRequiredService<IOptions<PasskeyOptions>>().Value.RelyingPartyId, Is.EqualTo("example.com"));
        Assert.That(provider.GetRequiredService<IOptions<PasskeyHttpOptions>>().Value.DefaultReturnUrl, Is.EqualTo("/profile"));
    }

    [Test]
    public async Task The_apps_default_scheme_is_kept()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication("App").AddCookie("App");
        services.AddPasskeys(o => { o.RelyingPartyId = "localhost"; o.Origins = ["https://localhost"]; }).AddInMemoryStores();
        await using var provider = services.BuildServiceProvider();
        Assert.That((await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetDefaultAuthenticateSchemeAsync())?.Name, Is.EqualTo("App"));
    }
}
