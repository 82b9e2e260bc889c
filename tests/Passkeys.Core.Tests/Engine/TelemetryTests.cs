using System.Buffers.Text;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class TelemetryTests(AssertionPath path)
{
    [Test]
    public async Task Meter_counts_started_succeeded_and_failed_ceremonies_by_code()
    {
        using var harness = new EngineHarness(path: path);
        var meterFactory = harness.Services.GetRequiredService<IMeterFactory>();
        using var started = new MetricCollector<long>(meterFactory, PasskeysDefaults.MeterName, "passkeys.ceremonies.started");
        using var succeeded = new MetricCollector<long>(meterFactory, PasskeysDefaults.MeterName, "passkeys.ceremonies.succeeded");
        using var failed = new MetricCollector<long>(meterFactory, PasskeysDefaults.MeterName, "passkeys.ceremonies.failed");
        var authenticator = CeremonyDriver.NewAuthenticator();

        await harness.RegisterOkAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice", new SoftwareTampering { RpId = "evil.example" });

        Assert.Multiple(() =>
        {
            Assert.That(started.GetMeasurementSnapshot().Select(m => m.Tags["passkeys.ceremony"]), Is.EqualTo(new[] { "registration", "authentication" }));
            Assert.That(succeeded.GetMeasurementSnapshot().Select(m => m.Tags["passkeys.ceremony"]), Is.EqualTo(new[] { "registration" }));
            Assert.That(failed.GetMeasurementSnapshot().Single().Tags["passkeys.error.code"], Is.EqualTo(PasskeyErrorCodes.RpIdMismatch));
        });
    }

    [TestCase(SignCountRegressionPolicy.Reject, false)]
    [TestCase(SignCountRegressionPolicy.AcceptAndFlag, true)]
    public async Task Meter_counts_counter_regressions_and_whether_they_were_accepted(SignCountRegressionPolicy policy, bool accepted)
    {
        using var harness = new EngineHarness(o => o.SignCountRegression = policy);
        using var regressions = new MetricCollector<long>(harness.Services.GetRequiredService<IMeterFactory>(), PasskeysDefaults.MeterName, "passkeys.sign_count.regressions");
        var authenticator = CeremonyDriver.NewAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice");
        Assert.That(regressions.GetMeasurementSnapshot(), Is.Empty, "an increasing counter is no regression");

        authenticator.Counter = SoftwareCounter.GoingBackwards;
        authenticator.Credentials[0].SignCount = 1;
        await harness.LoginAsync(authenticator, "alice");

        Assert.That(regressions.GetMeasurementSnapshot().Single().Tags["passkeys.accepted"], Is.EqualTo(accepted));
    }

    [Test]
    public async Task Logs_never_contain_challenges_credential_ids_user_handles_or_keys()
    {
        using var harness = new EngineHarness(services: s => s.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace)), path: path);
        var authenticator = CeremonyDriver.NewAuthenticator();
        var start = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
        var options = JsonNode.Parse(start.Value!.OptionsJson)!;
        await harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, authenticator.CreateCredential(start.Value.OptionsJson));
        await harness.LoginAsync(authenticator, "alice");
        await harness.LoginAsync(authenticator, "alice", new SoftwareTampering { Response = r => r["response"]!["signature"] = "AAAA" });

        var logs = harness.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var text = string.Join("\n", logs.Select(l => l.Message + " " + string.Join(",", l.StructuredState?.Select(kv => kv.Value) ?? [])));
        var secrets = new[]
        {
            (string)options["challenge"]!,
            (string)options["user"]!["id"]!,
            Base64Url.EncodeToString(authenticator.Credentials[0].Id),
            Convert.ToBase64String(authenticator.Credentials[0].Id),
            Base64Url.EncodeToString(authenticator.Credentials[0].PublicKey),
            start.Value.CeremonyId,
        };
        Assert.That(logs, Has.Count.GreaterThan(3), "the engine does log");
        Assert.That(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)), Is.Empty);
    }
}
