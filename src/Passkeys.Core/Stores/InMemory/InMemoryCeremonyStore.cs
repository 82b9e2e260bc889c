namespace Passkeys.Stores.InMemory;

/// <summary>
/// A thread-safe, in-memory ceremony store. A ceremony is taken with an atomic remove, so it is returned once.
/// </summary>
/// <remarks>
/// It holds at most <see cref="Capacity"/> ceremonies, so that a flood of options requests (every one starts a
/// ceremony, and nobody has to finish them) cannot grow the process without bound, and it shares that room
/// between clients (<see cref="PasskeyCeremony.ClientPartition"/>). When it is full, expired ceremonies are
/// dropped first; then a client holding fewer ceremonies than the client holding the most takes the place of that
/// one's newest ceremony; and when no client holds more than the newcomer, the new ceremony is refused with
/// <see cref="PasskeyCeremonyStoreFullException"/> (<see cref="PasskeyErrorCodes.TooManyCeremonies"/>, a 503 over
/// HTTP). So a flood, from one client or many, fills its own share: it cancels only its own ceremonies, is refused
/// first, and never cancels or refuses a client that holds fewer. Ceremonies without a client count as one.
/// </remarks>
public sealed class InMemoryCeremonyStore : IPasskeyCeremonyStore
{
    /// <summary>The capacity used when none is given: 100 000 ceremonies, about 100 MB at most.</summary>
    public const int DefaultCapacity = 100_000;

    private const string NoClient = "";

    private readonly Dictionary<string, Held> _ceremonies = new(StringComparer.Ordinal);
    private readonly CeremonyShares _shares = new();
    private readonly Lock _lock = new();
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
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ceremonies.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        cancellationToken.ThrowIfCancellationRequested();
        var client = ceremony.ClientPartition ?? NoClient;
        lock (_lock)
        {
            if (_ceremonies.ContainsKey(ceremony.Id))
            {
                throw new InvalidOperationException("A ceremony with this id already exists.");
            }

            if (_ceremonies.Count >= Capacity && !TryMakeRoomFor(client))
            {
                throw new PasskeyCeremonyStoreFullException($"The in-memory ceremony store holds its capacity of {Capacity} ceremonies in progress.");
            }

            _ceremonies.Add(ceremony.Id, new Held(ceremony, client, _shares.Add(client, ceremony.Id)));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PasskeyCeremony?> TakeAsync(string ceremonyId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Held? held;
        lock (_lock)
        {
            if (_ceremonies.Remove(ceremonyId, out held))
            {
                _shares.Remove(held.Client, held.Share);
            }
        }

        var taken = held is not null && held.Ceremony.ExpiresAt > _timeProvider.GetUtcNow();
        return Task.FromResult(taken ? held!.Ceremony : null);
    }

    /// <inheritdoc />
    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(RemoveExpired(cancellationToken));
        }
    }

    private int RemoveExpired(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var expired = new List<string>();
        foreach (var (id, held) in _ceremonies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (held.Ceremony.ExpiresAt <= now)
            {
                expired.Add(id);
            }
        }

        foreach (var id in expired)
        {
            Drop(id);
        }

        return expired.Count;
    }

    // Full: drop the expired ones (the scan notes when the next one expires, so while nothing can have expired a
    // flood does not scan again); then take the place of the newest ceremony of the client holding the most, if
    // that client holds more than this one.
    private bool TryMakeRoomFor(string client)
    {
        var now = _timeProvider.GetUtcNow();
        if (now >= _nextExpiry)
        {
            RemoveExpired(CancellationToken.None);
            _nextExpiry = _ceremonies.Count == 0 ? DateTimeOffset.MinValue : _ceremonies.Values.Min(h => h.Ceremony.ExpiresAt);
        }

        if (_ceremonies.Count < Capacity)
        {
            return true;
        }

        if (_shares.Largest <= _shares.CountOf(client))
        {
            return false;
        }

        Drop(_shares.NewestOfLargest());
        return true;
    }

    private void Drop(string id)
    {
        if (_ceremonies.Remove(id, out var held))
        {
            _shares.Remove(held.Client, held.Share);
        }
    }

    private sealed record Held(PasskeyCeremony Ceremony, string Client, LinkedListNode<string> Share);
}
