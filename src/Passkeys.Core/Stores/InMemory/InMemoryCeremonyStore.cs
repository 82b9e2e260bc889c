using System.Collections.Concurrent;

namespace Passkeys.Stores.InMemory;

/// <summary>
/// A thread-safe, in-memory ceremony store. A ceremony is taken with an atomic remove, so it is returned once.
/// </summary>
/// <remarks>
/// It holds at most <see cref="Capacity"/> ceremonies, so that a flood of options requests (every one starts a
/// ceremony, and nobody has to finish them) cannot grow the process without bound: when it is full, expired
/// ceremonies are dropped first, then the ones closest to expiry, whose owners start again.
/// </remarks>
public sealed class InMemoryCeremonyStore : IPasskeyCeremonyStore
{
    /// <summary>The capacity used when none is given: 100 000 ceremonies, about 100 MB at most.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, PasskeyCeremony> _ceremonies = new(StringComparer.Ordinal);
    private readonly Lock _makingRoom = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of <see cref="InMemoryCeremonyStore"/> holding at most <see cref="DefaultCapacity"/> ceremonies.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    public InMemoryCeremonyStore(TimeProvider timeProvider)
        : this(timeProvider, DefaultCapacity)
    {
    }

    /// <summary>Initializes a new instance of <see cref="InMemoryCeremonyStore"/>.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    /// <param name="capacity">How many ceremonies it holds at most; at least 1.</param>
    public InMemoryCeremonyStore(TimeProvider timeProvider, int capacity)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Gets how many ceremonies it holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many ceremonies are held now, expired ones not yet removed included.</summary>
    public int Count => _ceremonies.Count;

    /// <inheritdoc />
    public Task SaveAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        cancellationToken.ThrowIfCancellationRequested();
        if (_ceremonies.Count >= Capacity)
        {
            MakeRoom();
        }

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
        var taken = _ceremonies.TryRemove(ceremonyId, out var ceremony) && ceremony.ExpiresAt > _timeProvider.GetUtcNow();
        return Task.FromResult(taken ? ceremony : null);
    }

    /// <inheritdoc />
    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken) => Task.FromResult(RemoveExpired(cancellationToken));

    private int RemoveExpired(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var (id, ceremony) in _ceremonies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ceremony.ExpiresAt <= now && _ceremonies.TryRemove(new KeyValuePair<string, PasskeyCeremony>(id, ceremony)))
            {
                removed++;
            }
        }

        return removed;
    }

    // Full: drop the expired, then the soonest to expire, down to 99 % of the capacity, so that a flood pays for
    // one scan per hundredth of the capacity rather than one per request.
    private void MakeRoom()
    {
        lock (_makingRoom)
        {
            if (_ceremonies.Count < Capacity)
            {
                return;
            }

            RemoveExpired(CancellationToken.None);
            var excess = _ceremonies.Count - (Capacity - Math.Max(1, Capacity / 100));
            if (excess <= 0)
            {
                return;
            }

            // ToArray is the dictionary's own snapshot; LINQ over it directly would copy it while others add.
            foreach (var soonest in _ceremonies.ToArray().OrderBy(c => c.Value.ExpiresAt).Take(excess))
            {
                _ceremonies.TryRemove(soonest);
            }
        }
    }
}
