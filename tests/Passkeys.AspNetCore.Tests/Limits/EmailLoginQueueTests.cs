using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Passkeys.AspNetCore.Email;
using Passkeys.AspNetCore.Tests.EmailLogin;

namespace Passkeys.AspNetCore.Tests.Limits;

public class EmailLoginQueueTests
{
    [Test]
    public async Task A_bystander_gets_in_after_a_flood_from_many_clients_and_is_served_within_one_round()
    {
        var logs = new CapturingLoggerProvider();
        var queue = new EmailLoginQueue(logs.CreateLogger("queue"), capacity: 100, partitionCapacity: 5);
        for (var round = 0; round < 5; round++)
        {
            for (var client = 0; client < 60; client++)
            {
                queue.TryEnqueue(Link($"198.51.100.{client}", round));
            }
        }

        Assert.That(queue.Pending, Is.EqualTo(100), "the flood filled the queue");

        Assert.That(queue.TryEnqueue(Link("203.0.113.9", 0)), Is.EqualTo(PartitionedEnqueueResult.QueuedInPlaceOfAnother));
        Assert.That(queue.Pending, Is.EqualTo(100));
        Assert.That(logs.Lines, Has.Some.Contains("[212]").And.Some.Contains("sign-in link request"));
        Assert.That(logs.Lines, Has.None.Contains("198.51.100.").And.None.Contains("@example"), "no client, no address in the log");

        var servedBefore = new List<string>();
        while (true)
        {
            var item = (EmailLinkRequest)await Dequeue(queue);
            if (item.Client == "203.0.113.9")
            {
                break;
            }

            servedBefore.Add(item.Client);
        }

        Assert.That(servedBefore, Is.Unique, "one item per busy client before the bystander, not the whole backlog");
        Assert.That(servedBefore, Has.Count.LessThanOrEqualTo(60));
        Assert.That(queue.Pending, Is.GreaterThan(30), "the flood is far from drained");
    }

    [Test]
    public void A_client_holds_at_most_its_share_and_only_it_is_refused()
    {
        var queue = new EmailLoginQueue(NullLogger.Instance, capacity: 100, partitionCapacity: 5);
        for (var i = 0; i < 5; i++)
        {
            Assert.That(queue.TryEnqueue(Link("flooder", i)), Is.EqualTo(PartitionedEnqueueResult.Queued));
        }

        Assert.That(queue.TryEnqueue(Link("flooder", 5)), Is.EqualTo(PartitionedEnqueueResult.PartitionFull));
        Assert.That(queue.TryEnqueue(Link("bystander", 0)), Is.EqualTo(PartitionedEnqueueResult.Queued));
        Assert.That(queue.TryEnqueue(Notice("flooder")), Is.EqualTo(PartitionedEnqueueResult.Queued), "an account's notices are another share");
        Assert.That(queue.Pending, Is.EqualTo(7));
    }

    [Test]
    public async Task A_client_whose_share_was_full_gets_in_again_once_an_item_of_its_own_is_served()
    {
        var queue = new EmailLoginQueue(NullLogger.Instance, capacity: 100, partitionCapacity: 2);
        queue.TryEnqueue(Link("a", 0));
        queue.TryEnqueue(Link("a", 1));
        Assert.That(queue.TryEnqueue(Link("a", 2)), Is.EqualTo(PartitionedEnqueueResult.PartitionFull));
        await Dequeue(queue);
        Assert.That(queue.TryEnqueue(Link("a", 2)), Is.EqualTo(PartitionedEnqueueResult.Queued));
    }

    [Test]
    public async Task A_full_queue_drops_the_newest_item_of_the_fullest_client_and_refuses_only_when_none_holds_more()
    {
        var queue = new EmailLoginQueue(NullLogger.Instance, capacity: 6, partitionCapacity: 5);
        foreach (var (client, n) in new[] { ("a", 0), ("a", 1), ("a", 2), ("a", 3), ("b", 0), ("c", 0) })
        {
            Assert.That(queue.TryEnqueue(Link(client, n)), Is.EqualTo(PartitionedEnqueueResult.Queued));
        }

        // d (holding none) takes the place of a's newest (a holds 4), b (1) of a's next newest (a holds 3); then d (1)
        // of a1 (a and b hold 2, a reached 2 first), c (1) of b1: a0, b0, c0 c1, d0 d1.
        Assert.That(queue.TryEnqueue(Link("d", 0)), Is.EqualTo(PartitionedEnqueueResult.QueuedInPlaceOfAnother));
        Assert.That(queue.TryEnqueue(Link("b", 1)), Is.EqualTo(PartitionedEnqueueResult.QueuedInPlaceOfAnother));
        Assert.That(queue.TryEnqueue(Link("d", 1)), Is.EqualTo(PartitionedEnqueueResult.QueuedInPlaceOfAnother));
        Assert.That(queue.TryEnqueue(Link("c", 1)), Is.EqualTo(PartitionedEnqueueResult.QueuedInPlaceOfAnother));

        // Nobody holds more than c or d: they are refused, and only they.
        Assert.That(queue.TryEnqueue(Link("c", 9)), Is.EqualTo(PartitionedEnqueueResult.Full));
        Assert.That(queue.TryEnqueue(Link("d", 9)), Is.EqualTo(PartitionedEnqueueResult.Full));
        Assert.That(queue.Pending, Is.EqualTo(6));

        var left = new List<string>();
        while (queue.Pending > 0)
        {
            var item = (EmailLinkRequest)await Dequeue(queue);
            left.Add($"{item.Client}{item.Email![0]}");
            queue.MarkDone();
        }

        // Oldest first within a client, by turns across clients.
        Assert.That(left, Is.EqualTo(new[] { "a0", "b0", "c0", "d0", "c1", "d1" }));
    }

    [Test]
    public async Task Sign_in_links_are_served_before_notices_and_notices_never_take_their_room()
    {
        var queue = new EmailLoginQueue(NullLogger.Instance, capacity: 10, partitionCapacity: 5);
        for (var account = 0; account < 20; account++)
        {
            queue.TryEnqueue(Notice($"user-{account % 4}"));
        }

        Assert.That(queue.Pending, Is.EqualTo(10), "notices fill their own room");
        Assert.That(queue.TryEnqueue(Link("203.0.113.9", 0)), Is.EqualTo(PartitionedEnqueueResult.Queued), "links have theirs: nothing dropped");
        Assert.That(queue.Pending, Is.EqualTo(11));
        Assert.That(await Dequeue(queue), Is.TypeOf<EmailLinkRequest>(), "the link first though it came last");
        Assert.That(await Dequeue(queue), Is.TypeOf<PasskeyAddedNotice>());
    }

    [Test]
    public void Random_floods_keep_every_share_and_drop_rule()
    {
        var ops = Gen.Select(Gen.Int[1, 12], Gen.Int[0, 7].Array[20, 400], Gen.Int[1, 4]);
        ops.Sample((capacity, partitions, cap) =>
        {
            capacity = Math.Max(capacity, cap);
            var queue = new PartitionedQueue<string>(capacity, cap);
            var model = new Dictionary<string, List<string>>();
            var served = new List<string>();
            for (var i = 0; i < partitions.Length; i++)
            {
                var p = partitions[i];
                if (p == 7)
                {
                    // A turn of the dispatcher: the partition served is one that held items.
                    if (queue.TryDequeue(out var item))
                    {
                        var owner = item.Split('/')[0];
                        Assert.That(model[owner][0], Is.EqualTo(item), "oldest of its partition first");
                        model[owner].RemoveAt(0);
                    }

                    continue;
                }

                var key = "p" + p;
                var own = model.TryGetValue(key, out var list) ? list.Count : 0;
                var max = model.Values.Select(l => l.Count).DefaultIfEmpty(0).Max();
                var total = model.Values.Sum(l => l.Count);
                var result = queue.TryEnqueue(key, $"{key}/{i}", out var dropped);
                var expected = own >= cap ? PartitionedEnqueueResult.PartitionFull
                    : total < capacity ? PartitionedEnqueueResult.Queued
                    : max > own ? PartitionedEnqueueResult.QueuedInPlaceOfAnother
                    : PartitionedEnqueueResult.Full;
                Assert.That(result, Is.EqualTo(expected));
                if (dropped is not null)
                {
                    var victim = model[dropped.Split('/')[0]];
                    Assert.That(victim, Has.Count.EqualTo(max), "dropped from a partition holding the most");
                    Assert.That(victim[^1], Is.EqualTo(dropped), "its newest item");
                    victim.RemoveAt(victim.Count - 1);
                }

                if (result is PartitionedEnqueueResult.Queued or PartitionedEnqueueResult.QueuedInPlaceOfAnother)
                {
                    (model.TryGetValue(key, out var items) ? items : model[key] = []).Add($"{key}/{i}");
                }

                Assert.That(queue.Count, Is.EqualTo(model.Values.Sum(l => l.Count)).And.LessThanOrEqualTo(capacity));
                Assert.That(model.Values.Select(l => l.Count), Has.All.LessThanOrEqualTo(cap));
            }

            // Draining serves by turns: between two items of one partition, every other partition still holding
            // items is served once.
            var order = new List<string>();
            while (queue.TryDequeue(out var item))
            {
                order.Add(item.Split('/')[0]);
            }

            Assert.That(order, Has.Count.EqualTo(model.Values.Sum(l => l.Count)));
            var firstRound = order.Take(model.Count(m => m.Value.Count > 0)).ToList();
            Assert.That(firstRound, Is.Unique, "each partition once in the first round");
        }, iter: 2000);
    }

    private static EmailLinkRequest Link(string client, int n) => new(client, $"{n}-{client}@example.com", null, null, null);

    private static PasskeyAddedNotice Notice(string userId) => new(userId, Guid.Empty, DateTimeOffset.UnixEpoch);

    private static async Task<EmailWorkItem> Dequeue(EmailLoginQueue queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await queue.DequeueAsync(timeout.Token);
    }
}
