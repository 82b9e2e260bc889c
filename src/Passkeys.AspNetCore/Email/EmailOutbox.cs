using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Queues the work of <see cref="EmailLoginDispatcher"/> in the app's database through
/// <see cref="IPasskeyEmailOutboxStore"/>, with the shares of <see cref="EmailLoginQueue"/>: per lane (links, notices)
/// <see cref="EmailLoginQueue.Capacity"/> messages, of which one client or account holds at most
/// <see cref="EmailLoginQueue.PartitionCapacity"/>. A full outbox refuses new messages; it never drops queued ones.
/// </summary>
internal sealed class EmailOutbox(IPasskeyEmailOutboxStore store, EmailOutboxSignal signal, TimeProvider time) : IEmailQueue
{
    /// <summary>Whether emails wait in the outbox: an outbox store is registered and <see cref="PasskeyEmailOutboxOptions.Enabled"/> is on.</summary>
    public static bool IsChosen(IServiceProvider services)
        => services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value.Outbox?.Enabled != false
            && services.GetService<IServiceProviderIsService>()?.IsService(typeof(IPasskeyEmailOutboxStore)) == true;

    /// <summary>The queue the endpoints use: the outbox when it is chosen, else the in-memory queue.</summary>
    public static IEmailQueue Choose(IServiceProvider services)
        => IsChosen(services)
            ? new EmailOutbox(services.GetRequiredService<IPasskeyEmailOutboxStore>(), services.GetRequiredService<EmailOutboxSignal>(), services.GetRequiredService<TimeProvider>())
            : services.GetRequiredService<EmailLoginQueue>();

    public async ValueTask<PartitionedEnqueueResult> EnqueueAsync(EmailWorkItem item, CancellationToken cancellationToken)
    {
        var message = new PasskeyEmailOutboxMessage(
            Guid.NewGuid(), EmailWorkItemJson.KindOf(item), EmailWorkItemJson.Write(item), item.Partition, EmailWorkItemJson.LaneOf(item), time.GetUtcNow());
        var result = await store.EnqueueAsync(message, EmailLoginQueue.Capacity, EmailLoginQueue.PartitionCapacity, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case PasskeyEmailOutboxEnqueueResult.Queued:
                signal.Notify();
                return PartitionedEnqueueResult.Queued;
            case PasskeyEmailOutboxEnqueueResult.PartitionFull:
                return PartitionedEnqueueResult.PartitionFull;
            default:
                return PartitionedEnqueueResult.Full;
        }
    }
}
