using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// A sign-in that changes nothing but the last-used time writes nothing while the stored time is recent
/// (<see cref="PasskeyOptions.LastUsedRefreshInterval"/>); every other change is written.
/// </summary>
public class LastUsedRefreshTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Test]
    public async Task A_synced_passkey_used_again_within_the_interval_keeps_its_stored_last_use()
    {
        using var harness = new EngineHarness();
        var authenticator = SyncedAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");
        Assert.That((await harness.LoginAsync(authenticator, "alice")).Succeeded, Is.True);
        var firstUse = harness.Time.GetUtcNow();

        harness.Time.Advance(Interval - TimeSpan.FromSeconds(1));
        var again = await harness.LoginAsync(authenticator, "alice");

        Assert.That(again.Succeeded, Is.True, again.Error?.Code);
        Assert.That(again.Value!.Credential.LastUsedAt, Is.EqualTo(firstUse));
        Assert.That((await StoredAsync(harness, authenticator)).LastUsedAt, Is.EqualTo(firstUse), "nothing was written");
    }

    [Test]
    public async Task A_synced_passkey_used_after_the_interval_stores_the_new_last_use()
    {
        using var harness = new EngineHarness();
        var authenticator = SyncedAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice");

        harness.Time.Advance(Interval);
        await harness.LoginAsync(authenticator, "alice");

        Assert.That((await StoredAsync(harness, authenticator)).LastUsedAt, Is.EqualTo(harness.Time.GetUtcNow()));
    }

    [Test]
    public async Task The_first_sign_in_is_always_stored()
    {
        using var harness = new EngineHarness();
        var authenticator = SyncedAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");

        await harness.LoginAsync(authenticator, "alice");

        Assert.That((await StoredAsync(harness, authenticator)).LastUsedAt, Is.EqualTo(harness.Time.GetUtcNow()));
    }

    [Test]
    public async Task A_counting_passkey_stores_every_sign_in()
    {
        using var harness = new EngineHarness();
        var authenticator = CeremonyDriver.NewAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice");

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await harness.LoginAsync(authenticator, "alice");

        var stored = await StoredAsync(harness, authenticator);
        Assert.That(stored.SignCount, Is.EqualTo(2));
        Assert.That(stored.LastUsedAt, Is.EqualTo(harness.Time.GetUtcNow()));
    }

    [Test]
    public async Task A_changed_backup_state_is_stored_within_the_interval()
    {
        using var harness = new EngineHarness();
        var authenticator = SyncedAuthenticator();
        authenticator.BackedUp = false;
        await harness.RegisterOkAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice");

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        authenticator.BackedUp = true;
        await harness.LoginAsync(authenticator, "alice");

        var stored = await StoredAsync(harness, authenticator);
        Assert.That(stored.IsBackedUp, Is.True);
        Assert.That(stored.LastUsedAt, Is.EqualTo(harness.Time.GetUtcNow()));
    }

    [Test]
    public async Task A_changed_user_verification_is_stored_within_the_interval()
    {
        using var harness = new EngineHarness(o => o.UserVerification = Fido2NetLib.Objects.UserVerificationRequirement.Preferred);
        var authenticator = SyncedAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice");

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        authenticator.UserVerified = false;
        var result = await harness.LoginAsync(authenticator, "alice");

        Assert.That(result.Succeeded, Is.True, result.Error?.Code);
        var stored = await StoredAsync(harness, authenticator);
        Assert.That(stored.IsUserVerified, Is.False);
        Assert.That(stored.LastUsedAt, Is.EqualTo(harness.Time.GetUtcNow()));
    }

    [Test]
    public async Task A_zero_interval_stores_every_sign_in()
    {
        using var harness = new EngineHarness(o => o.LastUsedRefreshInterval = TimeSpan.Zero);
        var authenticator = SyncedAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice");

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        await harness.LoginAsync(authenticator, "alice");

        Assert.That((await StoredAsync(harness, authenticator)).LastUsedAt, Is.EqualTo(harness.Time.GetUtcNow()));
    }

    private static SoftwareAuthenticator SyncedAuthenticator()
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        authenticator.Counter = SoftwareCounter.AlwaysZero;
        authenticator.BackupEligible = true;
        authenticator.BackedUp = true;
        return authenticator;
    }

    private static async Task<PasskeyCredential> StoredAsync(EngineHarness harness, SoftwareAuthenticator authenticator)
        => (await harness.Credentials.FindByIdAsync(authenticator.Credentials[0].Id, default))!;
}
