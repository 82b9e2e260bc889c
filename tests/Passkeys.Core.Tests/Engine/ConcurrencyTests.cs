using Microsoft.Extensions.DependencyInjection;

namespace Passkeys.Core.Tests.Engine;

[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class ConcurrencyTests(AssertionPath path)
{
    [Test]
    public async Task Many_parallel_completions_of_one_ceremony_let_exactly_one_succeed()
    {
        using var harness = new EngineHarness(path: path);
        var authenticator = CeremonyDriver.NewAuthenticator();
        authenticator.Counter = Testing.SoftwareCounter.AlwaysZero;
        await harness.RegisterOkAsync(authenticator, "alice");
        var start = await harness.Engine.BeginAuthenticationAsync("alice");
        var assertion = authenticator.GetAssertion(start.Value!.OptionsJson);

        var results = await RaceAsync(harness, 32, engine => engine.CompleteAuthenticationAsync(start.Value.CeremonyId, assertion));

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Error!.Code), Is.All.EqualTo(PasskeyErrorCodes.ChallengeNotFound));
    }

    [Test]
    public async Task Parallel_sign_ups_with_one_user_name_create_exactly_one_user()
    {
        using var harness = new EngineHarness(path: path);
        var names = new[] { "zed", "ZED", "Zed", "zeD" };
        var pending = new List<(string CeremonyId, string Response)>();
        for (var i = 0; i < 20; i++)
        {
            var start = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(names[i % names.Length]));
            pending.Add((start.Value!.CeremonyId, CeremonyDriver.NewAuthenticator().CreateCredential(start.Value.OptionsJson)));
        }

        var index = -1;
        var results = await RaceAsync(harness, pending.Count, engine =>
        {
            var (ceremonyId, response) = pending[Interlocked.Increment(ref index)];
            return engine.CompleteRegistrationAsync(ceremonyId, response);
        });

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1));
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Error!.Code), Is.All.EqualTo(PasskeyErrorCodes.UserExists));
        var winner = results.Single(r => r.Succeeded).Value!;
        Assert.That(await harness.Credentials.ListByUserAsync(winner.User.Id, default), Has.Count.EqualTo(1), "losers left no passkeys behind");
    }

    // Each caller gets its own scope (its own engine), as separate requests would, and all start together.
    private static async Task<T[]> RaceAsync<T>(EngineHarness harness, int callers, Func<PasskeyEngine, Task<T>> call)
    {
        using var gate = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(() =>
        {
            using var scope = harness.Services.CreateScope();
            gate.Wait();
            return call(scope.ServiceProvider.GetRequiredService<PasskeyEngine>()).GetAwaiter().GetResult();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        gate.Set();
        return await Task.WhenAll(tasks);
    }
}
