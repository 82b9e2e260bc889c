using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;

namespace Passkeys.Core.Tests.Engine;

public class FullCeremonyStoreTests
{
    [Test]
    public async Task A_full_store_refuses_every_kind_of_new_ceremony_with_a_code_a_metric_and_a_log_and_keeps_those_in_progress()
    {
        using var harness = new EngineHarness(services: s =>
        {
            s.AddSingleton<IPasskeyCeremonyStore>(sp => new InMemoryCeremonyStore(sp.GetRequiredService<TimeProvider>(), capacity: 2));
            s.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        });
        using var refusals = new MetricCollector<long>(harness.Services.GetRequiredService<IMeterFactory>(), PasskeysDefaults.MeterName, "passkeys.ceremonies.refused_store_full");
        var alice = CeremonyDriver.NewAuthenticator();
        var registered = await harness.RegisterOkAsync(alice, "alice");
        var inProgress = await harness.Engine.BeginAuthenticationAsync("alice");
        Assert.That((await harness.Engine.BeginAuthenticationAsync()).Succeeded, Is.True, "the second fits");

        var refused = new[]
        {
            await harness.Engine.BeginAuthenticationAsync("alice"),
            await harness.Engine.BeginAuthenticationAsync(),
            await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("bob")),
            await harness.Engine.BeginAddCredentialAsync(registered.User.Id),
        };

        Assert.That(refused.Select(r => r.Error?.Code), Is.All.EqualTo(PasskeyErrorCodes.TooManyCeremonies));
        Assert.That(refusals.GetMeasurementSnapshot().Select(m => m.Tags["passkeys.ceremony"]),
            Is.EqualTo(new[] { "authentication", "authentication", "registration", "add_credential" }));
        var logs = harness.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.That(logs.Count(l => l.Id.Id == 8 && l.Level == LogLevel.Warning), Is.EqualTo(4));

        var result = await harness.Engine.CompleteAuthenticationAsync(inProgress.Value!.CeremonyId, alice.GetAssertion(inProgress.Value.OptionsJson));
        Assert.That(result.Succeeded, Is.True, "the sign-in in progress was kept");
    }
}
