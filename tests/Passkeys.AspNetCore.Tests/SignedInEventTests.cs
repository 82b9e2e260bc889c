using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests;

public class SignedInEventTests
{
    [Test]
    public async Task Signed_in_event_flags_an_accepted_counter_regression()
    {
        var flags = new List<bool>();
        await using var host = await PasskeysTestHost.StartAsync(
            http: o => o.Events.OnSignedIn = c =>
            {
                flags.Add(c.CounterRegressed);
                return Task.CompletedTask;
            },
            passkeys: o => o.SignCountRegression = SignCountRegressionPolicy.AcceptAndFlag);
        using var browser = new PasskeyBrowser(host);
        using (var signUp = await browser.SignUpAsync("alice")) { await signUp.ReadJsonAsync(); }
        using (var login = await browser.LoginAsync("alice")) { await login.ReadJsonAsync(); }

        browser.Authenticator.Counter = SoftwareCounter.GoingBackwards;
        browser.Authenticator.Credentials[0].SignCount = 1;
        using (var regressed = await browser.LoginAsync("alice")) { await regressed.ReadJsonAsync(); }

        Assert.That(flags, Is.EqualTo(new[] { false, false, true }), "sign-up, a normal sign-in, then the regressed one");
    }

    [Test]
    public async Task Signed_in_event_flags_a_backup_eligibility_that_changed_once_synced()
    {
        var flags = new List<bool>();
        await using var host = await PasskeysTestHost.StartAsync(http: o => o.Events.OnSignedIn = c =>
        {
            flags.Add(c.BackupEligibilityChanged && c.Credential.IsBackupEligible);
            return Task.CompletedTask;
        });
        using var browser = new PasskeyBrowser(host);
        browser.Authenticator.Counter = SoftwareCounter.AlwaysZero;
        using (var signUp = await browser.SignUpAsync("alice")) { await signUp.ReadJsonAsync(); }

        browser.Authenticator.BackupEligible = true;
        using (var synced = await browser.LoginAsync("alice")) { await synced.ReadJsonAsync(); }
        using (var next = await browser.LoginAsync("alice")) { await next.ReadJsonAsync(); }

        Assert.That(flags, Is.EqualTo(new[] { false, true, false }), "sign-up, the first sign-in after syncing, then one more");
    }
}
