using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Passkeys.Stores.InMemory;
using Passkeys.Tests.Properties;

namespace Passkeys.Stores;

/// <summary>
/// A full in-memory ceremony store shares its room between clients: a client holding fewer ceremonies takes the
/// place of the newest ceremony of the client holding the most, a client holding no more than the protected share is
/// never cancelled, and a newcomer is refused only when no client holds more than that or than the newcomer would.
/// </summary>
public class InMemoryCeremonyStoreSharingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task A_client_that_fills_the_store_loses_its_newest_ceremony_to_a_client_holding_none()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 10);
        for (var i = 0; i < 10; i++)
        {
            await store.SaveAsync(Ceremony($"flood-{i}", "10.0.0.1"), default);
        }

        Assert.ThrowsAsync<PasskeyCeremonyStoreFullException>(async () => await store.SaveAsync(Ceremony("flood-10", "10.0.0.1"), default),
            "the client holding the most is refused");
        await store.SaveAsync(Ceremony("nina", "10.0.0.2"), default);

        Assert.That(store.Count, Is.EqualTo(10));
        Assert.That(await store.TakeAsync("flood-9", default), Is.Null, "the flood's newest made room");
        Assert.That(await store.TakeAsync("nina", default), Is.Not.Null);
        for (var i = 0; i < 9; i++)
        {
            Assert.That(await store.TakeAsync($"flood-{i}", default), Is.Not.Null, $"flood-{i} was kept");
        }
    }

    [Test]
    public async Task Many_clients_flooding_at_once_cannot_refuse_or_cancel_a_client_holding_fewer()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 100);
        var refusedFlood = 0;
        for (var round = 0; round < 50; round++)
        {
            for (var flooder = 0; flooder < 20; flooder++)
            {
                try
                {
                    await store.SaveAsync(Ceremony($"f{flooder}-{round}", $"203.0.113.{flooder}"), default);
                }
                catch (PasskeyCeremonyStoreFullException)
                {
                    refusedFlood++;
                }

                if (round == 10 && flooder == 7)
                {
                    await store.SaveAsync(Ceremony("nina", "198.51.100.7"), default);
                }
            }
        }

        await store.SaveAsync(Ceremony("omar", "198.51.100.8"), default);
        Assert.That(refusedFlood, Is.GreaterThan(0), "the flooders were refused once each held its share");
        Assert.That(store.Count, Is.EqualTo(100));
        Assert.That(await store.TakeAsync("nina", default), Is.Not.Null, "a ceremony in progress outlived the flood");
        Assert.That(await store.TakeAsync("omar", default), Is.Not.Null, "a newcomer got in during the flood");
    }

    [Test]
    public async Task Ceremonies_without_a_client_count_as_one_client()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 4);
        await store.SaveAsync(Ceremony("a", client: null), default);
        await store.SaveAsync(Ceremony("b", client: null), default);
        await store.SaveAsync(Ceremony("c", client: null), default);
        await store.SaveAsync(Ceremony("d", "10.0.0.1"), default);

        Assert.ThrowsAsync<PasskeyCeremonyStoreFullException>(async () => await store.SaveAsync(Ceremony("e", client: null), default));
        await store.SaveAsync(Ceremony("f", "10.0.0.2"), default);
        Assert.That(await store.TakeAsync("c", default), Is.Null, "the unnamed client held the most, and lost its newest");
        Assert.That(await store.TakeAsync("a", default), Is.Not.Null);
    }

    [Test]
    public async Task A_client_holding_the_protected_share_is_never_cancelled_and_newcomers_are_refused_instead()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 10);
        await store.SaveAsync(Ceremony("nina", "198.51.100.7"), default);
        for (var i = 0; i < 9; i++)
        {
            await store.SaveAsync(Ceremony($"flood-{i}", $"203.0.113.{i / 2}"), default);
        }

        // The flood holds 2, 2, 2, 2 and 1: no client holds more than the protected share, so nobody is cancelled.
        Assert.ThrowsAsync<PasskeyCeremonyStoreFullException>(async () => await store.SaveAsync(Ceremony("omar", "198.51.100.8"), default));
        Assert.That(await store.TakeAsync("nina", default), Is.Not.Null);
    }

    [Test]
    public async Task A_heavy_ceremony_weighs_more_units_and_makes_its_client_the_largest()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 20);
        var heavy = new string('x', 5 * InMemoryCeremonyStore.UnitSize);
        for (var i = 0; i < 3; i++)
        {
            await store.SaveAsync(Ceremony($"heavy-{i}", "203.0.113.1", heavy), default);
        }

        await store.SaveAsync(Ceremony("nina", "198.51.100.7"), default);
        Assert.That(store.Units, Is.EqualTo(19), "three of six units and one of one");
        await store.SaveAsync(Ceremony("omar", "198.51.100.8"), default);
        await store.SaveAsync(Ceremony("pia", "198.51.100.9"), default);

        Assert.That(await store.TakeAsync("heavy-2", default), Is.Null, "the heavy client's newest made room for two");
        Assert.That(store.Units, Is.EqualTo(15));
        foreach (var id in new[] { "nina", "omar", "pia", "heavy-0", "heavy-1" })
        {
            Assert.That(await store.TakeAsync(id, default), Is.Not.Null, id);
        }
    }

    [Test]
    public async Task A_person_behind_a_flooders_address_keeps_her_ceremony_while_the_floods_heavy_ones_go()
    {
        var store = new InMemoryCeremonyStore(_time, capacity: 60);
        var heavy = new string('x', 4 * InMemoryCeremonyStore.UnitSize);
        for (var i = 0; i < 11; i++)
        {
            await store.SaveAsync(Ceremony($"heavy-{i}", "203.0.113.1", heavy), default);
        }

        // She began during the flood, from the same address: the newest ceremony of the largest share, but a light one.
        await store.SaveAsync(Ceremony("nina", "203.0.113.1"), default);
        for (var i = 0; i < 20; i++)
        {
            await store.SaveAsync(Ceremony($"other-{i}", $"198.51.100.{i}"), default);
        }

        Assert.That(await store.TakeAsync("nina", default), Is.Not.Null, "the flood's heavy ceremonies made room");
        Assert.That(await store.TakeAsync("heavy-10", default), Is.Null);
    }

    // Against a model that knows the rule but not the order among equally large clients: after every step the store
    // refuses exactly when no client holds more than the newcomer, and loses only the newest ceremony of a client
    // holding the most (found by taking each candidate and saving back the ones still there).
    [Test]
    public Task Generated_saves_and_takes_keep_the_sharing_rule_and_lose_nothing_else()
    {
        var step = Gen.Select(Gen.Bool, Gen.Int[0, 5], Gen.Int[0, 1000]);
        return Property.CheckAsync(nameof(Generated_saves_and_takes_keep_the_sharing_rule_and_lose_nothing_else),
            Gen.Select(Gen.Int[1, 8], step.Array[1, 80]), async input =>
        {
            var (capacity, steps) = input;
            var store = new InMemoryCeremonyStore(_time, capacity);
            var held = new List<(string Id, string Client)>();
            var next = 0;
            foreach (var (save, client, pick) in steps)
            {
                if (!save && held.Count > 0)
                {
                    var taken = held[pick % held.Count];
                    held.Remove(taken);
                    Assert.That(await store.TakeAsync(taken.Id, default), Is.Not.Null, $"{taken.Id} was kept");
                    continue;
                }

                var name = $"client-{client}";
                var id = $"c{next++}";
                var own = held.Count(h => h.Client == name);
                var largest = held.GroupBy(h => h.Client).Select(g => g.Count()).DefaultIfEmpty(0).Max();
                var full = held.Count >= capacity;
                try
                {
                    await store.SaveAsync(Ceremony(id, name), default);
                }
                catch (PasskeyCeremonyStoreFullException)
                {
                    Assert.That(full && largest <= Math.Max(own + 1, InMemoryCeremonyStore.ProtectedShare),
                        $"{id} of {name} refused while {held.Count} of {capacity} held, {own} by it, {largest} by the largest");
                    continue;
                }

                if (full)
                {
                    Assert.That(largest, Is.GreaterThan(Math.Max(own + 1, InMemoryCeremonyStore.ProtectedShare)),
                        $"{id} of {name} took a place though no client held more than it would or than the protected share");
                    Assert.That(await DroppedNewestOfLargestAsync(store, held, largest), Is.EqualTo(1), "one newest ceremony of a largest client made room");
                }

                held.Add((id, name));
            }

            foreach (var (id, _) in held)
            {
                Assert.That(await store.TakeAsync(id, default), Is.Not.Null, $"{id} was kept");
            }

            Assert.That(store.Count, Is.Zero);
        }, iterations: 2000);
    }

    // Saving a candidate back keeps it its client's newest; the model moves it to the end too.
    private async Task<int> DroppedNewestOfLargestAsync(InMemoryCeremonyStore store, List<(string Id, string Client)> held, int largest)
    {
        var candidates = held.GroupBy(h => h.Client).Where(g => g.Count() == largest).Select(g => g.Last()).ToList();
        var dropped = new List<(string Id, string Client)>();
        foreach (var candidate in candidates)
        {
            if (await store.TakeAsync(candidate.Id, default) is null)
            {
                dropped.Add(candidate);
            }
            else
            {
                await store.SaveAsync(Ceremony(candidate.Id, candidate.Client), default);
                held.Remove(candidate);
                held.Add(candidate);
            }
        }

        held.RemoveAll(dropped.Contains);
        return dropped.Count;
    }

    private PasskeyCeremony Ceremony(string id, string? client, string options = "{}")
        => new(id, PasskeyCeremonyKind.Authentication, options, _time.GetUtcNow() + TimeSpan.FromMinutes(5)) { ClientPartition = client };
}
