namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Wakes this node's <see cref="EmailLoginDispatcher"/> when this node queues an email in the outbox, so it is sent
/// at once; emails other nodes queued are found by polling.
/// </summary>
internal sealed class EmailOutboxSignal
{
    // At most one wake-up is pending: the dispatcher claims everything due each time it wakes.
    private readonly SemaphoreSlim _queued = new(0, 1);

    public void Notify()
    {
        try
        {
            _queued.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for <see cref="Notify"/> or for <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queued.WaitAsync(timeout, cancellationToken);
}
