using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Passkeys.Stores.InMemory;

namespace Passkeys.Stores;

/// <summary>
/// The in-memory ceremony store is bounded: a flood of started ceremonies cannot grow the process without limit.
/// </summary>
public class InMemoryCeremonyStoreCapacityTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task A_full_store_drops_expired_ceremonies_first_and_keeps_every_live_one()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 10);
        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(Ceremony($"old-{i}", TimeSpan.FromMinutes(1)), default);
        }

        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(Ceremony($"live-{i}", TimeSpan.FromMinutes(10)), default);
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        await store.SaveAsync(Ceremony("new", TimeSpan.FromMinutes(5)), default);

        Assert.That(store.Count, Is.EqualTo(6), "the five expired ones are gone");
        for (var i = 0; i < 5; i++)
        {
            Assert.That(await store.TakeAsync($"live-{i}", default), Is.Not.Null);
        }

        Assert.That(await store.TakeAsync("new", default), Is.Not.Null);
    }

    [Test]
    public async Task A_store_full_of_live_ceremonies_drops_the_soonest_to_expire()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 200);
        for (var i = 0; i < 200; i++)
        {
            await store.SaveAsync(Ceremony($"c-{i}", TimeSpan.FromSeconds(60 + i)), default);
        }

        await store.SaveAsync(Ceremony("newest", TimeSpan.FromMinutes(10)), default);

        Assert.That(store.Count, Is.LessThanOrEqualTo(200));
        Assert.That(await store.TakeAsync("c-0", default), Is.Null, "the soonest to expire gave way");
        Assert.That(await store.TakeAsync("c-199", default), Is.Not.Null, "the latest to expire stayed");
        Assert.That(await store.TakeAsync("newest", default), Is.Not.Null);
    }

    [Test]
    public async Task Ten_thousand_ceremonies_never_exceed_the_capacity()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 1000);

        await Parallel.ForAsync(0, 10_000, async (i, ct) => await store.SaveAsync(Ceremony($"f-{i}", TimeSpan.FromMinutes(5)), ct));

        Assert.That(store.Count, Is.InRange(1, 1000 + Environment.ProcessorCount));
    }

    [Test]
    public void AddInMemoryCeremonies_passes_its_capacity_to_the_store_and_refuses_zero()
    {
        var services = new ServiceCollection();
        var builder = services.AddPasskeysCore(o =>
        {
            o.RelyingPartyId = "localhost";
            o.Origins = ["https://localhost"];
        }).AddInMemoryStores().AddInMemoryCeremonies(capacity: 42);
        using var provider = services.BuildServiceProvider();

        Assert.That(((InMemoryCeremonyStore)provider.GetRequiredService<IPasskeyCeremonyStore>()).Capacity, Is.EqualTo(42));
        Assert.That(() => builder.AddInMemoryCeremonies(capacity: 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private PasskeyCeremony Ceremony(string id, TimeSpan lifetime)
        => new(id, PasskeyCeremonyKind.Authentication, "{}", _time.GetUtcNow() + lifetime);
}
