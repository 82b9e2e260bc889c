using System.Collections.Concurrent;

namespace Passkeys.Stores.InMemory;

/// <summary>
/// A thread-safe, in-memory ceremony store. A ceremony is taken with an atomic remove, so it is returned once.
/// </summary>
/// <param name="timeProvider">The clock that decides expiry.</param>
public sealed class InMemoryCeremonyStore(TimeProvider timeProvider) : IPasskeyCeremonyStore
{
    private readonly ConcurrentDictionary<string, PasskeyCeremony> _ceremonies = new(StringComparer.Ordinal);

    /// <summary>Gets how many ceremonies are held now, expired ones not yet removed included.</summary>
    public int Count => _ceremonies.Count;

    /// <inheritdoc />
    public Task SaveAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_ceremonies.TryAdd(ceremony.Id, ceremony))
        {
            throw new InvalidOperationException("A ceremony with this id already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PasskeyCeremony?> TakeAsync(string ceremonyId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var taken = _ceremonies.TryRemove(ceremonyId, out var ceremony) && ceremony.ExpiresAt > timeProvider.GetUtcNow();
        return Task.FromResult(taken ? ceremony : null);
    }

    /// <inheritdoc />
    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var (id, ceremony) in _ceremonies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ceremony.ExpiresAt <= now && _ceremonies.TryRemove(new KeyValuePair<string, PasskeyCeremony>(id, ceremony)))
            {
                removed++;
            }
        }

        return Task.FromResult(removed);
    }
}
