using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;

namespace Passkeys.AspNetCore.Tests.Outage;

/// <summary>
/// The in-memory stores behind a switch: while <see cref="IsDown"/>, every call throws
/// <see cref="PasskeyStoreUnavailableException"/> before it reaches them, as a store whose database is restarting
/// does, and counts the call.
/// </summary>
internal sealed class OutageStores(InMemoryPasskeyStore passkeys, IPasskeyCeremonyStore ceremonies, IPasskeyLoginTokenStore tokens)
    : IPasskeyUserStore, IPasskeyCredentialStore, IPasskeyCeremonyStore, IPasskeyLoginTokenStore
{
    private int _refused;

    public bool IsDown { get; set; }

    /// <summary>Gets how many calls were refused while down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Puts the switch in front of the in-memory stores that <c>AddInMemoryStores()</c> registered.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(sp => new OutageStores(
            sp.GetRequiredService<InMemoryPasskeyStore>(),
            new InMemoryCeremonyStore(sp.GetRequiredService<TimeProvider>()),
            new InMemoryLoginTokenStore(sp.GetRequiredService<TimeProvider>())));
        services.Replace(ServiceDescriptor.Singleton<IPasskeyUserStore>(sp => sp.GetRequiredService<OutageStores>()));
        services.Replace(ServiceDescriptor.Singleton<IPasskeyCredentialStore>(sp => sp.GetRequiredService<OutageStores>()));
        services.Replace(ServiceDescriptor.Singleton<IPasskeyCeremonyStore>(sp => sp.GetRequiredService<OutageStores>()));
        services.Replace(ServiceDescriptor.Singleton<IPasskeyLoginTokenStore>(sp => sp.GetRequiredService<OutageStores>()));
    }

    public Task<PasskeyStoreResult> CreateAsync(PasskeyUser user, PasskeyCredential credential, CancellationToken cancellationToken)
        => Up(() => passkeys.CreateAsync(user, credential, cancellationToken));

    public Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => Up(() => passkeys.FindByIdAsync(userId, cancellationToken));

    public Task<PasskeyUser?> FindByUserHandleAsync(byte[] userHandle, CancellationToken cancellationToken)
        => Up(() => passkeys.FindByUserHandleAsync(userHandle, cancellationToken));

    public Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken) => Up(() => passkeys.FindByNameAsync(userName, cancellationToken));

    public Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken) => Up(() => passkeys.FindByEmailAsync(email, cancellationToken));

    public Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken) => Up(() => passkeys.UpdateAsync(user, cancellationToken));

    public Task<bool> UpdateSecurityStampAsync(string userId, string expectedStamp, string newStamp, CancellationToken cancellationToken)
        => Up(() => passkeys.UpdateSecurityStampAsync(userId, expectedStamp, newStamp, cancellationToken));

    public Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken) => Up(() => passkeys.DeleteAsync(userId, cancellationToken));

    public Task<PasskeyStoreResult> AddAsync(PasskeyCredential credential, CancellationToken cancellationToken) => Up(() => passkeys.AddAsync(credential, cancellationToken));

    public Task<PasskeyCredential?> FindByIdAsync(byte[] credentialId, CancellationToken cancellationToken)
        => Up(() => passkeys.FindByIdAsync(credentialId, cancellationToken));

    public Task<IReadOnlyList<PasskeyCredential>> ListByUserAsync(string userId, CancellationToken cancellationToken)
        => Up(() => passkeys.ListByUserAsync(userId, cancellationToken));

    public Task<bool> UpdateUsageAsync(PasskeyCredential credential, uint expectedSignCount, CancellationToken cancellationToken)
        => Up(() => passkeys.UpdateUsageAsync(credential, expectedSignCount, cancellationToken));

    public Task<PasskeyStoreResult> RenameAsync(string userId, byte[] credentialId, string? name, CancellationToken cancellationToken)
        => Up(() => passkeys.RenameAsync(userId, credentialId, name, cancellationToken));

    public Task<PasskeyStoreResult> DeleteAsync(string userId, byte[] credentialId, bool allowLast, CancellationToken cancellationToken)
        => Up(() => passkeys.DeleteAsync(userId, credentialId, allowLast, cancellationToken));

    public Task SaveAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken) => Up(() => ceremonies.SaveAsync(ceremony, cancellationToken));

    public Task<PasskeyCeremony?> TakeAsync(string ceremonyId, CancellationToken cancellationToken) => Up(() => ceremonies.TakeAsync(ceremonyId, cancellationToken));

    Task<int> IPasskeyCeremonyStore.RemoveExpiredAsync(CancellationToken cancellationToken) => Up(() => ceremonies.RemoveExpiredAsync(cancellationToken));

    public Task SaveAsync(PasskeyLoginToken token, CancellationToken cancellationToken) => Up(() => tokens.SaveAsync(token, cancellationToken));

    public Task<PasskeyLoginToken?> FindAsync(byte[] tokenHash, CancellationToken cancellationToken) => Up(() => tokens.FindAsync(tokenHash, cancellationToken));

    public Task<PasskeyLoginToken?> TakeAsync(byte[] tokenHash, CancellationToken cancellationToken) => Up(() => tokens.TakeAsync(tokenHash, cancellationToken));

    Task<int> IPasskeyLoginTokenStore.RemoveExpiredAsync(CancellationToken cancellationToken) => Up(() => tokens.RemoveExpiredAsync(cancellationToken));

    private Task<T> Up<T>(Func<Task<T>> call)
    {
        if (IsDown)
        {
            Interlocked.Increment(ref _refused);
            throw new PasskeyStoreUnavailableException("The test database is down (connection refused to db.internal:5432).");
        }

        return call();
    }

    private Task Up(Func<Task> call) => Up(async () =>
    {
        await call();
        return true;
    });
}
