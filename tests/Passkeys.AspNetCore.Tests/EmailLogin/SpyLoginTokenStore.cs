using System.Collections.Concurrent;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

/// <summary>The in-memory login token store, recording what is saved and how often expired tokens are removed.</summary>
internal sealed class SpyLoginTokenStore(TimeProvider time) : IPasskeyLoginTokenStore
{
    private readonly InMemoryLoginTokenStore _inner = new(time);

    public ConcurrentQueue<PasskeyLoginToken> Saved { get; } = new();

    public int Removed { get; private set; }

    public async Task SaveAsync(PasskeyLoginToken token, CancellationToken cancellationToken)
    {
        await _inner.SaveAsync(token, cancellationToken);
        Saved.Enqueue(token);
    }

    public Task<PasskeyLoginToken?> FindAsync(byte[] tokenHash, CancellationToken cancellationToken) => _inner.FindAsync(tokenHash, cancellationToken);

    public Task<PasskeyLoginToken?> TakeAsync(byte[] tokenHash, CancellationToken cancellationToken) => _inner.TakeAsync(tokenHash, cancellationToken);

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var removed = await _inner.RemoveExpiredAsync(cancellationToken);
        Removed += removed;
        return removed;
    }
}
