using System.Threading.Channels;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// The work the endpoints hand to <see cref="EmailLoginDispatcher"/>: looking up the address, issuing the link and
/// sending the email all happen after the response, so a request for an address with an account costs the same as
/// one without.
/// </summary>
internal sealed class EmailLoginQueue
{
    public const int Capacity = 1000;

    private readonly Channel<EmailWorkItem> _channel = Channel.CreateBounded<EmailWorkItem>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private int _pending;

    public ChannelReader<EmailWorkItem> Reader => _channel.Reader;

    /// <summary>Gets how many items are queued or being worked on.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues an item; <see langword="false"/> when the queue is full.</summary>
    public bool TryEnqueue(EmailWorkItem item)
    {
        Interlocked.Increment(ref _pending);
        if (_channel.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
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

/// <summary>Something to send by email.</summary>
internal abstract record EmailWorkItem;

/// <summary>A request for a sign-in link, by email address or user name, as it came in: nothing is looked up yet.</summary>
internal sealed record EmailLinkRequest(string? Email, string? UserName, byte[]? BindingHash, string? ReturnUrl) : EmailWorkItem;

/// <summary>A passkey was added to an account: tell its owner.</summary>
internal sealed record PasskeyAddedNotice(string UserId, Guid Aaguid, DateTimeOffset AddedAt) : EmailWorkItem;
