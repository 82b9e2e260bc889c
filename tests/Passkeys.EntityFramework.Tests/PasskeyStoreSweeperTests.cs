using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Passkeys.Stores;

namespace Passkeys.EntityFramework.Tests;

public sealed class PasskeyStoreSweeperTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Test]
    public async Task A_failed_sweep_is_logged_and_the_next_interval_sweeps_again()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var ceremonies = new Mock<IPasskeyCeremonyStore>();
        ceremonies.Setup(s => s.RemoveExpiredAsync(It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref calls) == 1
                ? Task.FromException<int>(new InvalidOperationException("database is down"))
                : Task.FromResult(3));
        var tokens = new Mock<IPasskeyLoginTokenStore>();
        tokens.Setup(s => s.RemoveExpiredAsync(It.IsAny<CancellationToken>())).ReturnsAsync(0);
        await using var services = new ServiceCollection()
            .AddScoped(_ => ceremonies.Object)
            .AddScoped(_ => tokens.Object)
            .BuildServiceProvider();
        using var sweeper = new PasskeyStoreSweeper(
            services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new PasskeyStoreSweeperOptions { Interval = Interval }),
            time,
            NullLogger<PasskeyStoreSweeper>.Instance);

        await sweeper.StartAsync(default);

        // Since .NET 10 ExecuteAsync starts on the thread pool, so the timer may not exist yet: keep advancing.
        await AdvanceUntilAsync(time, () => tokens.Invocations.Count >= 1);
        await sweeper.StopAsync(default);

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.GreaterThanOrEqualTo(2), "sweeps of ceremonies");
            Assert.That(tokens.Invocations, Has.Count.EqualTo(calls - 1), "sweeps of tokens (the failed sweep stopped before them)");
            Assert.That(sweeper.ExecuteTask!.IsFaulted, Is.False, "the sweeper stopped with a fault");
        });
    }

    [Test]
    public async Task A_disabled_sweeper_does_nothing()
    {
        var time = new FakeTimeProvider();
        var ceremonies = new Mock<IPasskeyCeremonyStore>(MockBehavior.Strict);
        await using var services = new ServiceCollection().AddScoped(_ => ceremonies.Object).BuildServiceProvider();
        using var sweeper = new PasskeyStoreSweeper(
            services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new PasskeyStoreSweeperOptions { Enabled = false, Interval = Interval }),
            time,
            NullLogger<PasskeyStoreSweeper>.Instance);

        await sweeper.StartAsync(default);
        time.Advance(Interval * 3);
        await sweeper.StopAsync(default);

        Assert.That(ceremonies.Invocations, Is.Empty);
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            time.Advance(Interval);
            await Task.Delay(20);
        }

        Assert.That(condition(), Is.True, "the condition did not become true within 10 seconds");
    }
}
