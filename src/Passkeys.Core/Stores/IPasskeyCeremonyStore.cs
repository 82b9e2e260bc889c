namespace Passkeys.Stores;

/// <summary>
/// Keeps ceremonies in progress between the options call and the response.
/// </summary>
/// <remarks>
/// The contract every implementation keeps: <see cref="TakeAsync"/> returns a ceremony once and only once, also
/// when many callers (on many nodes) ask for it at the same moment; an expired ceremony is never returned.
/// Implementations judge expiry with the <see cref="TimeProvider"/> they are given.
/// </remarks>
public interface IPasskeyCeremonyStore
{
    /// <summary>Saves a new ceremony.</summary>
    /// <param name="ceremony">The ceremony.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>A task that completes when the ceremony is saved.</returns>
    /// <exception cref="PasskeyCeremonyStoreFullException">
    /// A bounded store holds all it may: it refuses the new ceremony rather than drop one in progress.
    /// </exception>
    Task SaveAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken);

    /// <summary>Takes a ceremony: reads and deletes it in one atomic step.</summary>
    /// <param name="ceremonyId">The ceremony id.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The ceremony, or <see langword="null"/> if it is unknown, already taken or expired.</returns>
    Task<PasskeyCeremony?> TakeAsync(string ceremonyId, CancellationToken cancellationToken);

    /// <summary>Deletes expired ceremonies.</summary>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> RemoveExpiredAsync(CancellationToken cancellationToken);
}
