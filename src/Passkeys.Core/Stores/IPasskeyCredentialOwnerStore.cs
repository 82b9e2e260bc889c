namespace Passkeys.Stores;

/// <summary>
/// An optional capability of an <see cref="IPasskeyCredentialStore"/>: finding a credential together with the user
/// who owns it in one read (a join), which every sign-in needs.
/// </summary>
/// <remarks>
/// When the registered credential store implements it, the engine uses it instead of two lookups. The in-memory
/// and Entity Framework stores do. The contract test suite checks that it agrees with the two lookups.
/// </remarks>
public interface IPasskeyCredentialOwnerStore
{
    /// <summary>Finds a credential and its owner by credential id.</summary>
    /// <param name="credentialId">The credential id, compared byte for byte.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The credential and its user, or <see langword="null"/> when either is missing.</returns>
    Task<(PasskeyCredential Credential, PasskeyUser User)?> FindWithOwnerAsync(byte[] credentialId, CancellationToken cancellationToken);
}
