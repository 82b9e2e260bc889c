using System.Collections.Concurrent;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// The in-memory store with every call written down by name, to compare the store work of two requests. Without
/// <see cref="IPasskeyCredentialOwnerStore"/>, so the engine looks a credential and its owner up one by one.
/// </summary>
internal class CountingStore(InMemoryPasskeyStore inner) : IPasskeyUserStore, IPasskeyCredentialStore
{
    public ConcurrentQueue<string> Calls { get; } = new();

    protected InMemoryPasskeyStore Inner => inner;

    public Task<PasskeyStoreResult> CreateAsync(PasskeyUser user, PasskeyCredential credential, CancellationToken cancellationToken)
        => Record(nameof(CreateAsync), inner.CreateAsync(user, credential, cancellationToken));

    public Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
        => Record(nameof(FindByIdAsync), inner.FindByIdAsync(userId, cancellationToken));

    public Task<PasskeyUser?> FindByUserHandleAsync(byte[] userHandle, CancellationToken cancellationToken)
        => Record(nameof(FindByUserHandleAsync), inner.FindByUserHandleAsync(userHandle, cancellationToken));

    public Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken)
        => Record(nameof(FindByNameAsync), inner.FindByNameAsync(userName, cancellationToken));

    public Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
        => Record(nameof(FindByEmailAsync), inner.FindByEmailAsync(email, cancellationToken));

    public Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken)
        => Record(nameof(UpdateAsync), inner.UpdateAsync(user, cancellationToken));

    public Task<bool> UpdateSecurityStampAsync(string userId, string expectedStamp, string newStamp, CancellationToken cancellationToken)
        => Record(nameof(UpdateSecurityStampAsync), inner.UpdateSecurityStampAsync(userId, expectedStamp, newStamp, cancellationToken));

    public Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken)
        => Record("DeleteUserAsync", inner.DeleteAsync(userId, cancellationToken));

    public Task<PasskeyStoreResult> AddAsync(PasskeyCredential credential, CancellationToken cancellationToken)
        => Record(nameof(AddAsync), inner.AddAsync(credential, cancellationToken));

    public Task<PasskeyCredential?> FindByIdAsync(byte[] credentialId, CancellationToken cancellationToken)
        => Record("FindCredentialByIdAsync", inner.FindByIdAsync(credentialId, cancellationToken));

    public Task<IReadOnlyList<PasskeyCredential>> ListByUserAsync(string userId, CancellationToken cancellationToken)
        => Record(nameof(ListByUserAsync), inner.ListByUserAsync(userId, cancellationToken));

    public Task<bool> UpdateUsageAsync(PasskeyCredential credential, uint expectedSignCount, CancellationToken cancellationToken)
        => Record(nameof(UpdateUsageAsync), inner.UpdateUsageAsync(credential, expectedSignCount, cancellationToken));

    public Task<PasskeyStoreResult> RenameAsync(string userId, byte[] credentialId, string? name, CancellationToken cancellationToken)
        => Record(nameof(RenameAsync), inner.RenameAsync(userId, credentialId, name, cancellationToken));

    public Task<PasskeyStoreResult> DeleteAsync(string userId, byte[] credentialId, bool allowLast, CancellationToken cancellationToken)
        => Record("DeleteCredentialAsync", inner.DeleteAsync(userId, credentialId, allowLast, cancellationToken));

    protected T Record<T>(string name, T result)
    {
        Calls.Enqueue(name);
        return result;
    }
}

/// <summary>The counting store that also joins a credential with its owner in one call.</summary>
internal sealed class CountingOwnerStore(InMemoryPasskeyStore inner) : CountingStore(inner), IPasskeyCredentialOwnerStore
{
    public Task<(PasskeyCredential Credential, PasskeyUser User)?> FindWithOwnerAsync(byte[] credentialId, CancellationToken cancellationToken)
        => Record(nameof(FindWithOwnerAsync), Inner.FindWithOwnerAsync(credentialId, cancellationToken));
}
