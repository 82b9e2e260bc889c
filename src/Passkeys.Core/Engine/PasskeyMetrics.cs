using System.Diagnostics.Metrics;

namespace Passkeys.Engine;

/// <summary>
/// The instruments on the <c>Passkeys</c> meter: ceremonies started, succeeded and failed (by code), and durations.
/// </summary>
internal sealed class PasskeyMetrics
{
    private readonly Counter<long> _started;
    private readonly Counter<long> _succeeded;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _counterRegressions;
    private readonly Counter<long> _backupEligibilityChanges;
    private readonly Counter<long> _storeFull;
    private readonly Histogram<double> _duration;

    public PasskeyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PasskeysDefaults.MeterName);
        _started = meter.CreateCounter<long>("passkeys.ceremonies.started", "{ceremony}", "Ceremonies whose options were issued.");
        _succeeded = meter.CreateCounter<long>("passkeys.ceremonies.succeeded", "{ceremony}", "Ceremonies completed and verified.");
        _failed = meter.CreateCounter<long>("passkeys.ceremonies.failed", "{ceremony}", "Ceremonies refused, tagged with the error code.");
        _counterRegressions = meter.CreateCounter<long>("passkeys.sign_count.regressions", "{sign-in}",
            "Sign-ins whose signature counter did not increase, tagged with whether they were accepted.");
        _backupEligibilityChanges = meter.CreateCounter<long>("passkeys.backup_eligibility.changes", "{sign-in}",
            "Sign-ins whose backup eligibility (BE) differed from the stored one, tagged with whether they were accepted.");
        _storeFull = meter.CreateCounter<long>("passkeys.ceremonies.refused_store_full", "{ceremony}",
            "Ceremonies not started because the ceremony store was full (too_many_ceremonies).");
        _duration = meter.CreateHistogram<double>("passkeys.ceremony.completion.duration", "s", "Time to verify a ceremony's response.");
    }

    public void Started(PasskeyCeremonyKind kind) => _started.Add(1, Tag(kind));

    public void StoreFull(PasskeyCeremonyKind kind) => _storeFull.Add(1, Tag(kind));

    public void CounterRegressed(bool accepted) => _counterRegressions.Add(1, new KeyValuePair<string, object?>("passkeys.accepted", accepted));

    public void BackupEligibilityChanged(bool accepted) => _backupEligibilityChanges.Add(1, new KeyValuePair<string, object?>("passkeys.accepted", accepted));

    public void Completed(PasskeyCeremonyKind kind, string? errorCode, TimeSpan elapsed)
    {
        if (errorCode is null)
        {
            _succeeded.Add(1, Tag(kind));
        }
        else
        {
            _failed.Add(1, Tag(kind), new KeyValuePair<string, object?>("passkeys.error.code", errorCode));
        }

        _duration.Record(elapsed.TotalSeconds, Tag(kind), new KeyValuePair<string, object?>("passkeys.outcome", errorCode is null ? "success" : "failure"));
    }

    private static KeyValuePair<string, object?> Tag(PasskeyCeremonyKind kind) => new("passkeys.ceremony", KindName(kind));

    private static string KindName(PasskeyCeremonyKind kind) => kind switch
    {
        PasskeyCeremonyKind.Registration => "registration",
        PasskeyCeremonyKind.AddCredential => "add_credential",
        PasskeyCeremonyKind.ConditionalAddCredential => "conditional_add_credential",
        PasskeyCeremonyKind.Reauthentication => "reauthentication",
        _ => "authentication",
    };
}
