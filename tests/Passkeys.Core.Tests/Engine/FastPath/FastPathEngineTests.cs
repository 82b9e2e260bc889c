using Microsoft.Extensions.DependencyInjection;
using Passkeys.Engine.FastPath;

namespace Passkeys.Core.Tests.Engine.FastPath;

public class FastPathEngineTests
{
    [Test]
    public async Task Sign_ins_import_the_key_once_with_the_fast_path_and_never_without([Values] AssertionPath path)
    {
        using var harness = new EngineHarness(path: path);
        var authenticator = CeremonyDriver.NewAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");

        var results = new List<PasskeyResult<PasskeyAuthentication>>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await harness.LoginAsync(authenticator, "alice"));
        }

        var keys = harness.Services.GetRequiredService<PublicKeyCache>();
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Error?.Code), Is.All.Null);
            Assert.That(keys.Imports, Is.EqualTo(path == AssertionPath.Fast ? 1 : 0));
        });
    }

    [Test]
    public async Task ForgetCredential_drops_the_kept_key_and_the_next_sign_in_still_works()
    {
        using var harness = new EngineHarness();
        var authenticator = CeremonyDriver.NewAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice");
        var keys = harness.Services.GetRequiredService<PublicKeyCache>();
        var kept = keys.Count;

        harness.Engine.ForgetCredential(authenticator.Credentials[0].Id);
        var forgotten = keys.Count;
        var again = await harness.LoginAsync(authenticator, "alice");

        Assert.Multiple(() =>
        {
            Assert.That(kept, Is.EqualTo(1));
            Assert.That(forgotten, Is.Zero);
            Assert.That(again.Succeeded, Is.True, again.Error?.Code);
            Assert.That(keys.Imports, Is.EqualTo(2));
        });
    }
}
