using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Passkeys.Stores.InMemory;

namespace Passkeys.Stores;

/// <summary>
/// The in-memory ceremony store is bounded: a flood of started ceremonies cannot grow the process without limit,
/// and cannot push out a ceremony in progress either.
/// </summary>
public class InMemoryCeremonyStoreCapacityTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task A_full_store_drops_an_expired_ceremony_first_and_keeps_every_live_one()
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

        Assert.That(store.Count, Is.EqualTo(10), "the oldest expired one made room; the others leave when room is needed");
        Assert.That(await store.RemoveExpiredAsync(default), Is.EqualTo(4));
        for (var i = 0; i < 5; i++)
        {
            Assert.That(await store.TakeAsync($"live-{i}", default), Is.Not.Null);
        }

        Assert.That(await store.TakeAsync("new", default), Is.Not.Null);
    }

    [Test]
    public async Task A_store_full_of_live_ceremonies_refuses_new_ones_and_keeps_every_live_one()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 200);
        for (var i = 0; i < 200; i++)
        {
            await store.SaveAsync(Ceremony($"c-{i}", TimeSpan.FromSeconds(60 + i)), default);
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.ThrowsAsync<PasskeyCeremonyStoreFullException>(async () => await store.SaveAsync(Ceremony($"flood-{i}", TimeSpan.FromMinutes(10)), default));
        }

        Assert.That(store.Count, Is.EqualTo(200));
        for (var i = 0; i < 200; i++)
        {
            Assert.That(await store.TakeAsync($"c-{i}", default), Is.Not.Null, $"c-{i} was kept");
        }
    }

    [Test]
    public async Task A_full_store_takes_new_ceremonies_again_once_one_is_taken_or_expires()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            await store.SaveAsync(Ceremony($"c-{i}", TimeSpan.FromMinutes(1 + i)), default);
        }

        Assert.ThrowsAsync<PasskeyCeremonyStoreFullException>(async () => await store.SaveAsync(Ceremony("refused", TimeSpan.FromMinutes(5)), default));
        Assert.That(await store.TakeAsync("c-2", default), Is.Not.Null);
        await store.SaveAsync(Ceremony("after-take", TimeSpan.FromMinutes(5)), default);
        Assert.ThrowsAsync<PasskeyCeremonyStoreFullException>(async () => await store.SaveAsync(Ceremony("refused-again", TimeSpan.FromMinutes(5)), default));

        _time.Advance(TimeSpan.FromMinutes(1));
        await store.SaveAsync(Ceremony("after-expiry", TimeSpan.FromMinutes(5)), default);
        Assert.That(await store.TakeAsync("after-expiry", default), Is.Not.Null);
        Assert.That(await store.TakeAsync("c-1", default), Is.Not.Null);
    }

    [Test]
    public async Task Ten_thousand_ceremonies_never_exceed_the_capacity()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 1000);
        var refused = 0;

        await Parallel.ForAsync(0, 10_000, async (i, ct) =>
        {
            try
            {
                await store.SaveAsync(Ceremony($"f-{i}", TimeSpan.FromMinutes(5)), ct);
            }
            catch (PasskeyCeremonyStoreFullException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        Assert.That(store.Count, Is.InRange(1000, 1000 + Environment.ProcessorCount));
        Assert.That(refused, Is.EqualTo(10_000 - store.Count));
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
