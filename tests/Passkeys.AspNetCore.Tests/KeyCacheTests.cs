using System.Buffers.Text;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Engine.FastPath;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests;

public class KeyCacheTests
{
    [Test]
    public async Task Deleting_a_passkey_drops_its_cached_public_key()
    {
        await using var host = await PasskeysTestHost.StartAsync();
        using var browser = new PasskeyBrowser(host);
        using (var signUp = await browser.SignUpAsync("alice")) { await signUp.ReadJsonAsync(); }
        using (var login = await browser.LoginAsync("alice")) { await login.ReadJsonAsync(); }
        using (var add = await browser.AddPasskeyAsync(new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin })) { await add.ReadJsonAsync(201); }
        var cache = host.Services.GetRequiredService<PublicKeyCache>();
        Assert.That(cache.Count, Is.EqualTo(1), "the sign-in cached the key");

        using var deleted = await browser.Client.DeleteAsync("/passkeys/credentials/" + Base64Url.EncodeToString(browser.Authenticator.Credentials[0].Id));

        Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        Assert.That(cache.Count, Is.Zero);
    }
}
