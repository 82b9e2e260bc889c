using Passkeys.Stores;

namespace Passkeys.AspNetCore.Tests.AccountDeletion;

/// <summary>A user store whose <see cref="DeleteAsync"/> fails, as a database that goes away mid-request would.</summary>
internal sealed class FailingDeleteUserStore(IPasskeyUserStore inner) : IPasskeyUserStore
{
    public const string Message = "The database went away.";

    public Task<PasskeyStoreResult> CreateAsync(PasskeyUser user, PasskeyCredential credential, CancellationToken cancellationToken)
        => inner.CreateAsync(user, credential, cancellationToken);

    public Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => inner.FindByIdAsync(userId, cancellationToken);

    public Task<PasskeyUser?> FindByUserHandleAsync(byte[] userHandle, CancellationToken cancellationToken)
        => inner.FindByUserHandleAsync(userHandle, cancellationToken);

    public Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken) => inner.FindByNameAsync(userName, cancellationToken);

    public Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken) => inner.FindByEmailAsync(email, cancellationToken);

    public Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken) => inner.UpdateAsync(user, cancellationToken);

    public Task<bool> UpdateSecurityStampAsync(string userId, string expectedStamp, string newStamp, CancellationToken cancellationToken)
        => inner.UpdateSecurityStampAsync(userId, expectedStamp, newStamp, cancellationToken);

    public Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken) => throw new InvalidOperationException(Message);
}
