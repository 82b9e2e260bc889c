using System.Collections.Concurrent;

namespace Passkeys.Stores.InMemory;

/// <summary>
/// A thread-safe, in-memory ceremony store. A ceremony is taken with an atomic remove, so it is returned once.
/// </summary>
/// <remarks>
/// It holds at most <see cref="Capacity"/> ceremonies, so that a flood of options requests (every one starts a
/// ceremony, and nobody has to finish them) cannot grow the process without bound. When it is full, expired
/// ceremonies are dropped; when none has expired, the new ceremony is refused with
/// <see cref="PasskeyCeremonyStoreFullException"/> (<see cref="PasskeyErrorCodes.TooManyCeremonies"/>, a 503 over
/// HTTP). A ceremony in progress is never dropped to make room, so a flood cannot cancel anyone's sign-in; the
/// endpoints' per-client rate limit bounds how much of the store one client can hold.
/// </remarks>
public sealed class InMemoryCeremonyStore : IPasskeyCeremonyStore
{
    /// <summary>The capacity used when none is given: 100 000 ceremonies, about 100 MB at most.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, PasskeyCeremony> _ceremonies = new(StringComparer.Ordinal);
    private readonly Lock _makingRoom = new();
    private readonly TimeProvider _timeProvider;
    private DateTimeOffset _nextExpiry = DateTimeOffset.MinValue;

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
        if (_ceremonies.Count >= Capacity && !TryMakeRoom())
        {
            throw new PasskeyCeremonyStoreFullException($"The in-memory ceremony store holds its capacity of {Capacity} ceremonies in progress.");
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

    // Full: drop the expired ones. The scan also notes when the next one expires, so while nothing can have
    // expired a flood is refused without scanning again.
    private bool TryMakeRoom()
    {
        lock (_makingRoom)
        {
            var now = _timeProvider.GetUtcNow();
            if (_ceremonies.Count >= Capacity && now >= _nextExpiry)
            {
                RemoveExpired(CancellationToken.None);
                _nextExpiry = _ceremonies.IsEmpty ? DateTimeOffset.MinValue : _ceremonies.Values.Min(c => c.ExpiresAt);
            }

            return _ceremonies.Count < Capacity;
        }
    }
}
