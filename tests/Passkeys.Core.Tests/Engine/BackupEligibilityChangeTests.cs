using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// Providers that change a passkey's backup eligibility (BE) after creation: iCloud Keychain before and after syncing
/// (0 then 1), iOS 16 (1 then 0), a password manager update (0 then 1).
/// </summary>
[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class BackupEligibilityChangeTests(AssertionPath path) : EngineTestBase(path)
{
    [TestCase(false, true)]
    [TestCase(true, false)]
    public async Task A_provider_that_changes_backup_eligibility_keeps_its_user_signed_in_and_the_new_flag_is_stored(bool atCreation, bool later)
    {
        using var changes = Collect(Harness);
        Authenticator.Counter = SoftwareCounter.AlwaysZero;
        Authenticator.BackupEligible = atCreation;
        await Harness.RegisterOkAsync(Authenticator, "alice");
        Assert.That((await Harness.LoginAsync(Authenticator, "alice")).Succeeded, Is.True);

        Authenticator.BackupEligible = later;
        var changed = await Harness.LoginAsync(Authenticator, "alice");
        var next = await Harness.LoginAsync(Authenticator, "alice");

        Assert.Multiple(async () =>
        {
            Assert.That(changed.Succeeded, Is.True, changed.Error?.Code);
            Assert.That(changed.Value?.BackupEligibilityChanged, Is.True);
            Assert.That(changed.Value?.Credential.IsBackupEligible, Is.EqualTo(later));
            Assert.That((await Harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default))!.IsBackupEligible, Is.EqualTo(later));
            Assert.That(next.Value?.BackupEligibilityChanged, Is.False, "the change is stored, so the next sign-in has none");
            Assert.That(changes.GetMeasurementSnapshot().Select(m => m.Tags["passkeys.accepted"]), Is.EqualTo(new object[] { true }));
        });
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public async Task Under_Reject_a_changed_backup_eligibility_is_refused_and_nothing_is_stored(bool atCreation, bool later)
    {
        using var harness = new EngineHarness(o => o.BackupEligibilityChange = BackupEligibilityChangePolicy.Reject, path: Path);
        using var changes = Collect(harness);
        Authenticator.Counter = SoftwareCounter.AlwaysZero;
        Authenticator.BackupEligible = atCreation;
        await harness.RegisterOkAsync(Authenticator, "alice");

        Authenticator.BackupEligible = later;
        var result = await harness.LoginAsync(Authenticator, "alice");

        var stored = (await harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default))!;
        Assert.That((result.Error?.Code, stored.IsBackupEligible, stored.SignCount), Is.EqualTo((PasskeyErrorCodes.BackupFlagsInvalid, atCreation, 0u)));
        Assert.That(changes.GetMeasurementSnapshot().Select(m => m.Tags["passkeys.accepted"]), Is.EqualTo(new object[] { false }));
    }

    [Test]
    public async Task A_site_that_accepts_only_device_bound_passkeys_refuses_one_that_turns_synced()
    {
        using var harness = new EngineHarness(o => o.BackupEligibility = BackupFlagPolicy.Disallowed, path: Path);
        Authenticator.Counter = SoftwareCounter.AlwaysZero;
        await harness.RegisterOkAsync(Authenticator, "alice");

        Authenticator.BackupEligible = true;
        var result = await harness.LoginAsync(Authenticator, "alice");

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.BackupFlagsInvalid));
        Assert.That((await harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default))!.IsBackupEligible, Is.False);
    }

    // A passkey that counts is refused a change, whatever its counter does in that sign-in: a clone of a device-bound
    // key that could turn BE on would have its later regressions excused (the review's sequence: BE=1 with the next
    // count, then BE=1 with zero, then back), and the real device would never see one.
    [TestCase(false, true, false)]
    [TestCase(false, true, true)]
    [TestCase(true, false, false)]
    [TestCase(true, false, true)]
    public async Task A_passkey_that_counts_is_refused_a_backup_eligibility_change(bool atCreation, bool later, bool counterRegresses)
    {
        Authenticator.BackupEligible = atCreation;
        await Harness.RegisterOkAsync(Authenticator, "alice");
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await Harness.LoginAsync(Authenticator, "alice")).Succeeded, Is.True);
        }

        Authenticator.BackupEligible = later;
        Authenticator.Counter = counterRegresses ? SoftwareCounter.AlwaysZero : SoftwareCounter.Incrementing;
        var result = await Harness.LoginAsync(Authenticator, "alice");

        var stored = (await Harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default))!;
        Assert.That((result.Error?.Code, stored.IsBackupEligible, stored.SignCount), Is.EqualTo((PasskeyErrorCodes.BackupFlagsInvalid, atCreation, 3u)));
    }

    [Test]
    public async Task A_clone_of_a_counting_device_bound_key_cannot_pass_as_synced_and_the_real_device_sees_the_regression()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        for (var i = 0; i < 10; i++)
        {
            Assert.That((await Harness.LoginAsync(Authenticator, "alice")).Succeeded, Is.True);
        }

        // The clone is the same key: it signs as synced with the next count, then on as device-bound; the real device,
        // which stayed at 10, then signs 11.
        Authenticator.BackupEligible = true;
        var asSynced = await Harness.LoginAsync(Authenticator, "alice");
        Authenticator.BackupEligible = false;
        var onward = await Harness.LoginAsync(Authenticator, "alice");
        Authenticator.Credentials[0].SignCount = 10;
        var realDevice = await Harness.LoginAsync(Authenticator, "alice");

        Assert.That(asSynced.Error?.Code, Is.EqualTo(PasskeyErrorCodes.BackupFlagsInvalid));
        Assert.That(onward.Succeeded, Is.True, "a clone that counts on is not told from the original until the original signs in");
        Assert.That(realDevice.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CounterRegressed));
    }

    private static MetricCollector<long> Collect(EngineHarness harness)
        => new(harness.Services.GetRequiredService<IMeterFactory>(), PasskeysDefaults.MeterName, "passkeys.backup_eligibility.changes");
}
