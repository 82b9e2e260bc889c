namespace Passkeys.Stores;

/// <summary>
/// Keeps the emails waiting to be sent in the app's database, so that any node sends them and none is lost when a
/// node stops.
/// </summary>
/// <remarks>
/// <para>
/// The contract every implementation keeps: a message is claimed by one caller at a time, also across nodes (a
/// claim is a conditional update on the message's <see cref="PasskeyEmailOutboxMessage.Version"/>); a claim lasts
/// until its lease ends, and then another caller may claim the message again; only the holder of the latest claim
/// can remove or reschedule the message. Messages are claimed by lane, then by their place in their partition
/// (each partition's first message before any partition's second), then by due time.
/// </para>
/// <para>
/// The partition and lane limits are checked by counting rows when a message is queued; callers queuing at the same
/// instant on several nodes may each pass the check, so the limits are exact on one node and close across nodes.
/// </para>
/// </remarks>
public interface IPasskeyEmailOutboxStore
{
    /// <summary>Queues a message, unless its partition or its lane is full.</summary>
    /// <param name="message">The message, not claimed yet.</param>
    /// <param name="capacity">How many messages the message's lane holds at most.</param>
    /// <param name="partitionCapacity">How many messages of the lane one partition holds at most.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>Whether the message was queued, or why not.</returns>
    Task<PasskeyEmailOutboxEnqueueResult> EnqueueAsync(PasskeyEmailOutboxMessage message, int capacity, int partitionCapacity, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the next message that is due: counts an attempt, and makes it due again when the lease ends, so that
    /// another caller sends it if this one never completes it.
    /// </summary>
    /// <param name="lease">How long the claim lasts.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The claimed message, or <see langword="null"/> when none is due.</returns>
    Task<PasskeyEmailOutboxMessage?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Ends a claim and makes the message due again at <paramref name="dueAt"/>.</summary>
    /// <param name="message">The message as <see cref="ClaimAsync"/> returned it.</param>
    /// <param name="dueAt">When the message may be claimed again.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns><see langword="false"/> when the claim was lost (its lease ended and another caller claimed the message) or the message is gone.</returns>
    Task<bool> RescheduleAsync(PasskeyEmailOutboxMessage message, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Removes a claimed message: it was sent, or it is given up.</summary>
    /// <param name="message">The message as <see cref="ClaimAsync"/> returned it.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns><see langword="false"/> when the claim was lost or the message is gone.</returns>
    Task<bool> RemoveAsync(PasskeyEmailOutboxMessage message, CancellationToken cancellationToken);
}
