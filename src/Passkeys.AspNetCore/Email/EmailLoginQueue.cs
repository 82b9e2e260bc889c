using Microsoft.Extensions.Logging;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// The work the endpoints hand to <see cref="EmailLoginDispatcher"/>: looking up the address, issuing the link and
/// sending the email all happen after the response, so a request for an address with an account costs the same as
/// one without.
/// </summary>
/// <remarks>
/// Sign-in links and notices wait in two <see cref="PartitionedQueue{T}"/>s of <see cref="Capacity"/> items each,
/// links by client (<see cref="EmailLinkRequest.Client"/>) and notices by account, and links always go first: they
/// expire, notices do not. Within each, clients take turns, one holds at most <see cref="PartitionCapacity"/> items,
/// and when it is full a client with fewer items takes the place of the newest item of the client with the most. So a
/// flood from many clients fills their own shares only: a bystander is queued, and waits for one item per busy client.
/// </remarks>
internal sealed class EmailLoginQueue : IEmailQueue
{
    /// <summary>How many sign-in link requests, and how many notices, wait at most.</summary>
    public const int Capacity = 1000;

    /// <summary>How many items one client (or, for notices, one account) has waiting at most.</summary>
    public const int PartitionCapacity = 5;

    private readonly Lock _gate = new();
    private readonly PartitionedQueue<EmailWorkItem> _links;
    private readonly PartitionedQueue<EmailWorkItem> _notices;
    private readonly SemaphoreSlim _queued = new(0);
    private readonly ILogger _logger;
    private int _pending;

    public EmailLoginQueue(ILogger<EmailLoginQueue> logger)
        : this(logger, Capacity, PartitionCapacity)
    {
    }

    internal EmailLoginQueue(ILogger logger, int capacity, int partitionCapacity)
    {
        _logger = logger;
        _links = new PartitionedQueue<EmailWorkItem>(capacity, partitionCapacity);
        _notices = new PartitionedQueue<EmailWorkItem>(capacity, partitionCapacity);
    }

    /// <summary>Gets how many items are queued or being worked on.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues an item in its partition's share; says why when it is refused.</summary>
    public PartitionedEnqueueResult TryEnqueue(EmailWorkItem item)
    {
        PartitionedEnqueueResult result;
        EmailWorkItem? dropped;
        lock (_gate)
        {
            var queue = item is EmailLinkRequest or EmailVerificationRequest ? _links : _notices;
            result = queue.TryEnqueue(item.Partition, item, out dropped);
            if (result == PartitionedEnqueueResult.Queued)
            {
                Interlocked.Increment(ref _pending);
            }
        }

        if (result == PartitionedEnqueueResult.Queued)
        {
            _queued.Release();
        }
        else if (dropped is not null)
        {
            // One in, one out: the count of queued items, and so the semaphore, is unchanged.
            PasskeyEmailLog.QueueDropped(_logger, dropped.Kind);
        }

        return result;
    }

    public ValueTask<PartitionedEnqueueResult> EnqueueAsync(EmailWorkItem item, CancellationToken cancellationToken)
        => ValueTask.FromResult(TryEnqueue(item));

    /// <summary>Waits for the next item: a sign-in link if any waits, else a notice; each kind by turns across its partitions.</summary>
    public async Task<EmailWorkItem> DequeueAsync(CancellationToken cancellationToken)
    {
        await _queued.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_links.TryDequeue(out var link))
            {
                return link;
            }

            _notices.TryDequeue(out var notice);
            return notice;
        }
    }

    public void MarkDone() => Interlocked.Decrement(ref _pending);

    /// <summary>Waits until every queued item is done (for tests and orderly shutdown); <see langword="false"/> on timeout.</summary>
    public async Task<bool> WhenIdleAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Pending > 0)
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        return true;
    }
}
