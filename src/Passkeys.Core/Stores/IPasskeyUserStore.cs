namespace Passkeys.Stores;

/// <summary>
/// Stores the users who sign in with passkeys.
/// </summary>
/// <remarks>
/// The contract every implementation keeps (and the contract test suite in Passkeys.Testing checks):
/// <list type="bullet">
/// <item>user names and email addresses are compared in their <see cref="PasskeyNameNormalizer"/> form and are one
/// namespace: no user's name or email may be another user's name or email (a user's name may be their own email);</item>
/// <item>a user is created together with a first credential, both or neither, so no account exists without a
/// passkey and no passkey without its account;</item>
/// <item>a refused write is a <see cref="PasskeyStoreResult"/>, not an exception, also when two callers race;</item>
/// <item>the <see cref="PasskeyUser.SecurityStamp"/> is stored as created, and replaced only by
/// <see cref="UpdateSecurityStampAsync"/> or, with a new random one, by <see cref="UpdateAsync"/> when the user name or
/// email changes; each replacement is one atomic write.</item>
/// </list>
/// </remarks>
public interface IPasskeyUserStore
{
    /// <summary>
    /// Creates a user together with their first credential, atomically.
    /// </summary>
    /// <param name="user">The new user.</param>
    /// <param name="credential">The user's first credential.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>
    /// <see cref="PasskeyStoreResult.Success"/>, or <see cref="PasskeyStoreResult.UserNameTaken"/>,
    /// <see cref="PasskeyStoreResult.EmailTaken"/> or <see cref="PasskeyStoreResult.DuplicateCredential"/> with
    /// nothing written.
    /// </returns>
    Task<PasskeyStoreResult> CreateAsync(PasskeyUser user, PasskeyCredential credential, CancellationToken cancellationToken);

    /// <summary>Finds a user by id.</summary>
    /// <param name="userId">The user's <see cref="PasskeyUser.Id"/>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Finds a user by WebAuthn user handle.</summary>
    /// <param name="userHandle">The user handle.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    Task<PasskeyUser?> FindByUserHandleAsync(byte[] userHandle, CancellationToken cancellationToken);

    /// <summary>Finds a user by user name, compared in its <see cref="PasskeyNameNormalizer"/> form.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Finds a user by email address, compared in its <see cref="PasskeyNameNormalizer"/> form.</summary>
    /// <param name="email">The email address.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a user's changed user name, display name and email. When the user name or email differs from the
    /// stored one (compared ordinally, so a change of case counts), the same write replaces the security stamp with
    /// a new one from <see cref="PasskeySecurityStamp.Create"/>, which ends the user's other sessions.
    /// </summary>
    /// <param name="user">The user with its changes; its <see cref="PasskeyUser.SecurityStamp"/> is not saved.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>
    /// <see cref="PasskeyStoreResult.Success"/>, <see cref="PasskeyStoreResult.NotFound"/>,
    /// <see cref="PasskeyStoreResult.UserNameTaken"/> or <see cref="PasskeyStoreResult.EmailTaken"/>.
    /// </returns>
    Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a user's security stamp with <paramref name="newStamp"/> in one write, only if the stored stamp is
    /// still <paramref name="expectedStamp"/>, so a session whose stamp was replaced meanwhile cannot replace it again.
    /// </summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="expectedStamp">The stamp the caller's session carries (compared ordinally).</param>
    /// <param name="newStamp">The new stamp, usually from <see cref="PasskeySecurityStamp.Create"/>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>
    /// <see langword="true"/> if saved; <see langword="false"/> if the user is gone or their stamp is no longer
    /// <paramref name="expectedStamp"/>.
    /// </returns>
    Task<bool> UpdateSecurityStampAsync(string userId, string expectedStamp, string newStamp, CancellationToken cancellationToken);

    /// <summary>Deletes a user and all of their credentials.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns><see cref="PasskeyStoreResult.Success"/> or <see cref="PasskeyStoreResult.NotFound"/>.</returns>
    Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken);
}
