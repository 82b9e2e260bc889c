using System.Collections.Concurrent;

namespace Passkeys.Stores.InMemory;

/// <summary>
/// A thread-safe, in-memory store of emailed sign-in tokens, keyed by the hash of their secret.
/// </summary>
/// <param name="timeProvider">The clock that decides expiry.</param>
public sealed class InMemoryLoginTokenStore(TimeProvider timeProvider) : IPasskeyLoginTokenStore
{
    private readonly ConcurrentDictionary<string, PasskeyLoginToken> _tokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SaveAsync(PasskeyLoginToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        // A copy, so that the caller changing its arrays later cannot change the stored token.
        var copy = new PasskeyLoginToken(token.TokenHash.ToArray(), token.UserId, token.ExpiresAt)
        {
            BrowserBindingHash = token.BrowserBindingHash?.ToArray(),
        };
        if (!_tokens.TryAdd(Convert.ToBase64String(copy.TokenHash), copy))
        {
            throw new InvalidOperationException("A token with this hash already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PasskeyLoginToken?> FindAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        cancellationToken.ThrowIfCancellationRequested();
        var found = _tokens.TryGetValue(Convert.ToBase64String(tokenHash), out var token) && token.ExpiresAt > timeProvider.GetUtcNow();
        return Task.FromResult(found ? token : null);
    }

    /// <inheritdoc />
    public Task<PasskeyLoginToken?> TakeAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        cancellationToken.ThrowIfCancellationRequested();
        var taken = _tokens.TryRemove(Convert.ToBase64String(tokenHash), out var token) && token.ExpiresAt > timeProvider.GetUtcNow();
        return Task.FromResult(taken ? token : null);
    }

    /// <inheritdoc />
    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var (key, token) in _tokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (token.ExpiresAt <= now && _tokens.TryRemove(new KeyValuePair<string, PasskeyLoginToken>(key, token)))
            {
                removed++;
            }
        }

        return Task.FromResult(removed);
    }
}
