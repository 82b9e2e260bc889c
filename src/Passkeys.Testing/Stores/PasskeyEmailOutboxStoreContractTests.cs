using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Passkeys.Stores;

namespace Passkeys.Testing;

/// <summary>
/// The contract every <see cref="IPasskeyEmailOutboxStore"/> keeps, as NUnit tests. Inherit it in a test fixture and
/// implement <see cref="CreateStoreAsync"/> and <see cref="EmptyOutboxAsync"/> to prove that an implementation keeps it.
/// </summary>
/// <remarks>
/// Each test starts with an empty outbox (claims take whatever is due, so leftovers of another test would be
/// claimed), and plays several nodes by asking for a new store per node.
/// </remarks>
public abstract class PasskeyEmailOutboxStoreContractTests
{
    /// <summary>The number of nodes that claim from one outbox at once in the concurrency test.</summary>
    private const int ConcurrentClaimers = 16;

    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private CancellationTokenSource _timeout = new();

    /// <summary>Gets the clock of the current test: a new <see cref="FakeTimeProvider"/> starting at 2026-01-15 09:30:00 UTC.</summary>
    protected FakeTimeProvider Time { get; private set; } = new(Start);

    private CancellationToken Ct => _timeout.Token;

    /// <summary>
    /// Creates a new store over the same outbox as every other store created in the test, the way separate
    /// application nodes sharing one database see it. The fixture disposes what it needs to when the test ends.
    /// </summary>
    /// <param name="time">The clock the store must judge due times by; always <see cref="Time"/>.</param>
    /// <returns>The store.</returns>
    protected abstract ValueTask<IPasskeyEmailOutboxStore> CreateStoreAsync(TimeProvider time);

    /// <summary>Removes every message from the outbox; called before each test.</summary>
    /// <returns>A task that completes when the outbox is empty.</returns>
    protected abstract Task EmptyOutboxAsync();

    /// <summary>Gives the test a new clock, a new time limit and an empty outbox.</summary>
    /// <returns>A task that completes when the outbox is empty.</returns>
    [SetUp]
    public async Task SetUpOutboxContractTestAsync()
    {
        Time = new FakeTimeProvider(Start);
        _timeout.Dispose();
        _timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await EmptyOutboxAsync();
    }

    /// <summary>Disposes the time limit.</summary>
    [TearDown]
    public void TearDownOutboxContractTest() => _timeout.Dispose();

    /// <summary>Verifies that a queued message is claimed with its facts, an attempt counted and a new version.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Queued_message_is_claimed_with_its_facts()
    {
        var store = await CreateStoreAsync(Time);
        var message = NewMessage("client-a", payload: "{\"email\":\"Ångström@example.com\"}");

        Assert.That(await store.EnqueueAsync(message, 10, 5, Ct), Is.EqualTo(PasskeyEmailOutboxEnqueueResult.Queued));
        var claimed = await store.ClaimAsync(Lease, Ct);

        Assert.That(claimed, Is.Not.Null, "the queued message was not claimed");
        Assert.Multiple(() =>
        {
            Assert.That(claimed!.Id, Is.EqualTo(message.Id), nameof(claimed.Id));
            Assert.That(claimed.Kind, Is.EqualTo(message.Kind), nameof(claimed.Kind));
            Assert.That(claimed.Payload, Is.EqualTo(message.Payload), nameof(claimed.Payload));
            Assert.That(claimed.Partition, Is.EqualTo(message.Partition), nameof(claimed.Partition));
            Assert.That(claimed.Lane, Is.EqualTo(message.Lane), nameof(claimed.Lane));
            Assert.That(claimed.Attempts, Is.EqualTo(1), nameof(claimed.Attempts));
            Assert.That(claimed.Version, Is.Not.EqualTo(message.Version), nameof(claimed.Version));
            Assert.That(claimed.DueAt, Is.EqualTo(Start + Lease), "a claimed message is due again when its lease ends");
        });
    }

    /// <summary>Verifies that a claimed message cannot be claimed again, by any node, while its lease lasts.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Claimed_message_is_not_claimed_again_while_the_lease_lasts()
    {
        var nodeA = await CreateStoreAsync(Time);
        var nodeB = await CreateStoreAsync(Time);
        await nodeA.EnqueueAsync(NewMessage("client-a"), 10, 5, Ct);

        Assert.That(await nodeA.ClaimAsync(Lease, Ct), Is.Not.Null);
        Time.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.Multiple(async () =>
        {
            Assert.That(await nodeA.ClaimAsync(Lease, Ct), Is.Null, "claimed again by the same node");
            Assert.That(await nodeB.ClaimAsync(Lease, Ct), Is.Null, "claimed again by another node");
        });
    }

    /// <summary>Verifies that a message is not claimed before it is due.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Message_is_not_claimed_before_it_is_due()
    {
        var store = await CreateStoreAsync(Time);
        var message = NewMessage("client-a");
        message.DueAt = Start.AddSeconds(30);
        await store.EnqueueAsync(message, 10, 5, Ct);

        Assert.That(await store.ClaimAsync(Lease, Ct), Is.Null, "claimed before it was due");
        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.That((await store.ClaimAsync(Lease, Ct))?.Id, Is.EqualTo(message.Id), "not claimed once due");
    }

    /// <summary>
    /// Verifies that when a node's lease ends (it died, or hangs), another node claims the message, and the first
    /// one can then neither remove nor reschedule it.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Expired_lease_lets_another_node_claim_and_the_first_loses_the_message()
    {
        var nodeA = await CreateStoreAsync(Time);
        var nodeB = await CreateStoreAsync(Time);
        await nodeA.EnqueueAsync(NewMessage("client-a"), 10, 5, Ct);
        var byA = await nodeA.ClaimAsync(Lease, Ct);
        Time.Advance(Lease);

        var byB = await nodeB.ClaimAsync(Lease, Ct);

        Assert.That(byB, Is.Not.Null, "the message was not claimed after the lease ended");
        Assert.Multiple(async () =>
        {
            Assert.That(byB!.Attempts, Is.EqualTo(2), "the claim of the dead node counts as an attempt");
            Assert.That(await nodeA.RemoveAsync(byA!, Ct), Is.False, "the node whose lease ended removed the message");
            Assert.That(await nodeA.RescheduleAsync(byA!, Time.GetUtcNow(), Ct), Is.False, "the node whose lease ended rescheduled the message");
            Assert.That(await nodeB.RemoveAsync(byB, Ct), Is.True, "the holder could not remove the message");
        });
        Time.Advance(Lease);
        Assert.That(await nodeA.ClaimAsync(Lease, Ct), Is.Null, "a removed message was claimed");
    }

    /// <summary>Verifies that a rescheduled message is claimed again at its new due time, and not before.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Rescheduled_message_is_claimed_again_when_due()
    {
        var store = await CreateStoreAsync(Time);
        await store.EnqueueAsync(NewMessage("client-a"), 10, 5, Ct);
        var first = await store.ClaimAsync(Lease, Ct);

        Assert.That(await store.RescheduleAsync(first!, Start.AddSeconds(10), Ct), Is.True, "the holder could not reschedule");
        Assert.That(await store.RemoveAsync(first!, Ct), Is.True, "rescheduling returns the message's new version to its holder");
        await store.EnqueueAsync(NewMessage("client-a"), 10, 5, Ct);
        var second = await store.ClaimAsync(Lease, Ct);
        await store.RescheduleAsync(second!, Start.AddSeconds(10), Ct);

        Assert.That(await store.ClaimAsync(Lease, Ct), Is.Null, "claimed before its new due time");
        Time.Advance(TimeSpan.FromSeconds(10));
        var again = await store.ClaimAsync(Lease, Ct);
        Assert.That(again?.Id, Is.EqualTo(second!.Id), "not claimed at its new due time");
        Assert.That(again!.Attempts, Is.EqualTo(2));
    }

    /// <summary>Verifies that a partition holds at most its share, and a full partition refuses no one else.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Full_partition_refuses_its_own_messages_only()
    {
        var store = await CreateStoreAsync(Time);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await store.EnqueueAsync(NewMessage("flooder"), 10, 3, Ct), Is.EqualTo(PasskeyEmailOutboxEnqueueResult.Queued));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await store.EnqueueAsync(NewMessage("flooder"), 10, 3, Ct), Is.EqualTo(PasskeyEmailOutboxEnqueueResult.PartitionFull), "over the share");
            Assert.That(await store.EnqueueAsync(NewMessage("bystander"), 10, 3, Ct), Is.EqualTo(PasskeyEmailOutboxEnqueueResult.Queued), "another partition");
            Assert.That(await store.EnqueueAsync(NewMessage("flooder", lane: 1), 10, 3, Ct), Is.EqualTo(PasskeyEmailOutboxEnqueueResult.Queued), "another lane");
        });
    }

    /// <summary>Verifies that a lane holds at most its capacity, counting every partition.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Full_lane_refuses_new_messages()
    {
        var store = await CreateStoreAsync(Time);
        for (var i = 0; i < 4; i++)
        {
            await store.EnqueueAsync(NewMessage($"client-{i}"), 4, 2, Ct);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await store.EnqueueAsync(NewMessage("client-new"), 4, 2, Ct), Is.EqualTo(PasskeyEmailOutboxEnqueueResult.Full), "the full lane");
            Assert.That(await store.EnqueueAsync(NewMessage("client-new", lane: 1), 4, 2, Ct), Is.EqualTo(PasskeyEmailOutboxEnqueueResult.Queued), "another lane");
        });
    }

    /// <summary>
    /// Verifies the claim order: lower lanes first, then each partition's first message before any partition's
    /// second, so a partition that queued several waits behind a bystander's one.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Messages_are_claimed_by_lane_then_by_turn_across_partitions()
    {
        var store = await CreateStoreAsync(Time);
        var notice = NewMessage("account", lane: 1);
        var busy = new[] { NewMessage("busy"), NewMessage("busy"), NewMessage("busy") };
        var bystander = NewMessage("bystander");
        await store.EnqueueAsync(notice, 10, 5, Ct);
        foreach (var message in busy)
        {
            await store.EnqueueAsync(message, 10, 5, Ct);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await store.EnqueueAsync(bystander, 10, 5, Ct);
        Time.Advance(TimeSpan.FromSeconds(1));

        var order = new List<Guid>();
        while (await store.ClaimAsync(Lease, Ct) is { } claimed)
        {
            order.Add(claimed.Id);
        }

        Assert.That(order, Is.EqualTo(new[] { busy[0].Id, bystander.Id, busy[1].Id, busy[2].Id, notice.Id }));
    }

    /// <summary>
    /// Verifies that when many nodes claim from one outbox at the same moment, until it is empty, every message is
    /// claimed exactly once.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Concurrent_claimers_never_claim_one_message_twice()
    {
        const int messages = 60;
        var queuing = await CreateStoreAsync(Time);
        var queued = new HashSet<Guid>();
        for (var i = 0; i < messages; i++)
        {
            var message = NewMessage($"client-{i % 12}");
            queued.Add(message.Id);
            Assert.That(await queuing.EnqueueAsync(message, messages, 5, Ct), Is.EqualTo(PasskeyEmailOutboxEnqueueResult.Queued));
        }

        var nodes = new IPasskeyEmailOutboxStore[ConcurrentClaimers];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = await CreateStoreAsync(Time);
        }

        var claims = new ConcurrentBag<Guid>();
        using var ready = new CountdownEvent(nodes.Length);
        using var gate = new ManualResetEventSlim();
        var claimers = nodes.Select(node => Task.Factory.StartNew(
            async () =>
            {
                ready.Signal();
                gate.Wait();
                // A node finds nothing due when every message is claimed; a few empty rounds in a row end it.
                for (var empty = 0; empty < 3;)
                {
                    if (await node.ClaimAsync(Lease, Ct) is { } claimed)
                    {
                        claims.Add(claimed.Id);
                        empty = 0;
                    }
                    else
                    {
                        empty++;
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        ready.Wait(Ct);
        gate.Set();
        await Task.WhenAll(claimers);

        var twice = claims.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(twice, Is.Empty, "messages claimed by two nodes");
            Assert.That(claims.ToHashSet(), Is.EquivalentTo(queued), "every message claimed");
        });
    }

    private PasskeyEmailOutboxMessage NewMessage(string partition, int lane = 0, string payload = "{}")
        => new(Guid.NewGuid(), "test", payload, partition, lane, Time.GetUtcNow());
}
