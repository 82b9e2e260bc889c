namespace Passkeys.Stores;

/// <summary>
/// Keeps emailed sign-in links until they are used or expire.
/// </summary>
/// <remarks>
/// The contract every implementation keeps: <see cref="TakeAsync"/> returns a token once and only once, also
/// under concurrency, and <see cref="FindAsync"/> never uses one up; an expired or taken token is never returned;
/// only the hash of a token's secret is stored.
/// </remarks>
public interface IPasskeyLoginTokenStore
{
    /// <summary>Saves a new token.</summary>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>A task that completes when the token is saved.</returns>
    Task SaveAsync(PasskeyLoginToken token, CancellationToken cancellationToken);

    /// <summary>Finds a token by the hash of its secret without using it up, to show whom a link signs in.</summary>
    /// <param name="tokenHash">The SHA-256 hash of the secret.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The token, or <see langword="null"/> if it is unknown, already used or expired.</returns>
    Task<PasskeyLoginToken?> FindAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Takes a token by the hash of its secret: reads and deletes it in one atomic step.</summary>
    /// <param name="tokenHash">The SHA-256 hash of the secret.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The token, or <see langword="null"/> if it is unknown, already used or expired.</returns>
    Task<PasskeyLoginToken?> TakeAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Deletes expired tokens.</summary>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> RemoveExpiredAsync(CancellationToken cancellationToken);
}
