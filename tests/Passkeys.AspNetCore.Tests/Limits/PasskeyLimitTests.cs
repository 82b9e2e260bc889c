using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests.Limits;

/// <summary>An account at <see cref="PasskeyOptions.MaxPasskeysPerUser"/> gets 409 <c>too_many_passkeys</c> and no ceremony.</summary>
public class PasskeyLimitTests
{
    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync(passkeys: o => o.MaxPasskeysPerUser = 2);

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Adding_a_passkey_beyond_the_limit_is_409_too_many_passkeys_and_stores_nothing()
    {
        using var browser = new PasskeyBrowser(_host);
        using (var signUp = await browser.SignUpAsync("alice"))
        {
            await signUp.ReadJsonAsync(200);
        }

        using (var added = await browser.AddPasskeyAsync(new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin }))
        {
            await added.ReadJsonAsync(201);
        }

        using var refused = await browser.Client.PostJsonAsync("/passkeys/credentials/options", "{}");

        var problem = await refused.ReadProblemAsync(409, PasskeyErrorCodes.TooManyPasskeys);
        Assert.That((string?)problem["detail"], Does.Contain("at most 2"));
        Assert.That(browser.Client.SetCookie("__Host-.Passkeys.Ceremony.add"), Is.Null, "no ceremony began");
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2));
    }
}
