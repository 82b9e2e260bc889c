namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Where the endpoints queue the work of <see cref="EmailLoginDispatcher"/>: <see cref="EmailLoginQueue"/> in memory,
/// or <see cref="EmailOutbox"/> in the app's database when an outbox store is registered.
/// </summary>
internal interface IEmailQueue
{
    /// <summary>Queues an item in its partition's share; says why when it is refused.</summary>
    ValueTask<PartitionedEnqueueResult> EnqueueAsync(EmailWorkItem item, CancellationToken cancellationToken);
}
