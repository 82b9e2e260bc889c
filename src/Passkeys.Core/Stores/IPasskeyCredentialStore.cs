namespace Passkeys.Stores;

/// <summary>
/// Stores passkey credentials.
/// </summary>
/// <remarks>
/// The contract every implementation keeps: a credential id belongs to one user (adding an id that is already
/// stored is refused with <see cref="PasskeyStoreResult.DuplicateCredential"/>); a credential can be added only
/// to an existing user; credential ids are compared byte for byte.
/// </remarks>
public interface IPasskeyCredentialStore
{
    /// <summary>Adds a credential to an existing user.</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>
    /// <see cref="PasskeyStoreResult.Success"/>, <see cref="PasskeyStoreResult.DuplicateCredential"/> or
    /// <see cref="PasskeyStoreResult.NotFound"/> when the user does not exist.
    /// </returns>
    Task<PasskeyStoreResult> AddAsync(PasskeyCredential credential, CancellationToken cancellationToken);

    /// <summary>Finds a credential by its credential id.</summary>
    /// <param name="credentialId">The credential id.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The credential, or <see langword="null"/>.</returns>
    Task<PasskeyCredential?> FindByIdAsync(byte[] credentialId, CancellationToken cancellationToken);

    /// <summary>Lists a user's credentials, oldest first.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The credentials; empty when there are none.</returns>
    Task<IReadOnlyList<PasskeyCredential>> ListByUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves what a sign-in changed (<see cref="PasskeyCredential.SignCount"/>,
    /// <see cref="PasskeyCredential.IsBackupEligible"/>, <see cref="PasskeyCredential.IsBackedUp"/>, <see cref="PasskeyCredential.IsUserVerified"/>,
    /// <see cref="PasskeyCredential.LastUsedAt"/>) in one write, only if the stored sign count is still
    /// <paramref name="expectedSignCount"/>, so two concurrent sign-ins cannot both move the counter.
    /// </summary>
    /// <param name="credential">The credential with its new values.</param>
    /// <param name="expectedSignCount">The sign count the credential had when it was read.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns><see langword="true"/> if saved; <see langword="false"/> if the credential is gone or its count moved.</returns>
    Task<bool> UpdateUsageAsync(PasskeyCredential credential, uint expectedSignCount, CancellationToken cancellationToken);

    /// <summary>Renames a credential of the given user.</summary>
    /// <param name="userId">The id of the user who must own the credential.</param>
    /// <param name="credentialId">The credential id.</param>
    /// <param name="name">The new name, or <see langword="null"/> to clear it.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns><see cref="PasskeyStoreResult.Success"/> or <see cref="PasskeyStoreResult.NotFound"/>.</returns>
    Task<PasskeyStoreResult> RenameAsync(string userId, byte[] credentialId, string? name, CancellationToken cancellationToken);

    /// <summary>Deletes a credential of the given user.</summary>
    /// <param name="userId">The id of the user who must own the credential.</param>
    /// <param name="credentialId">The credential id.</param>
    /// <param name="allowLast">Whether the user's last credential may be deleted.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>
    /// <see cref="PasskeyStoreResult.Success"/>, <see cref="PasskeyStoreResult.NotFound"/> or
    /// <see cref="PasskeyStoreResult.LastCredential"/>.
    /// </returns>
    Task<PasskeyStoreResult> DeleteAsync(string userId, byte[] credentialId, bool allowLast, CancellationToken cancellationToken);
}
