namespace Passkeys.Stores.InMemory;

/// <summary>
/// A thread-safe, in-memory ceremony store. A ceremony is taken with an atomic remove, so it is returned once.
/// </summary>
/// <remarks>
/// It holds at most <see cref="Capacity"/> units, so that a flood of options requests (every one starts a ceremony,
/// and nobody has to finish them) cannot grow the process without bound: a ceremony weighs one unit, and one more
/// for every <see cref="UnitSize"/> characters of its options (a sign-in for an account with many long passkey ids
/// weighs more). The room is shared between clients (<see cref="PasskeyCeremony.ClientPartition"/>). When it is full,
/// expired ceremonies are dropped first; then, if the client holding the most holds more than the newcomer would
/// and more than <see cref="ProtectedShare"/> units, that client's newest heavy ceremony, else its newest, makes room
/// (a flood's heavy ceremonies go before a person's one-unit one behind the same address, and its latest before hers
/// if she began earlier); otherwise the new
/// ceremony is refused with <see cref="PasskeyCeremonyStoreFullException"/>
/// (<see cref="PasskeyErrorCodes.TooManyCeremonies"/>, a 503 over HTTP). So a flood fills its own share and is
/// refused first, and a client holding no more than <see cref="ProtectedShare"/> units (a person signing in) is
/// never cancelled. Ceremonies without a client count as one client.
/// </remarks>
public sealed class InMemoryCeremonyStore : IPasskeyCeremonyStore
{
    /// <summary>The capacity used when none is given: 100 000 units, some 100 to 300 MB at most.</summary>
    public const int DefaultCapacity = 100_000;

    /// <summary>The characters of options one unit covers; a ceremony weighs 1 + length / <see cref="UnitSize"/> units.</summary>
    public const int UnitSize = 1024;

    /// <summary>The units a client may hold without ever losing a ceremony to make room for another client.</summary>
    public const int ProtectedShare = 2;

    private const string NoClient = "";

    private readonly Dictionary<string, Held> _ceremonies = new(StringComparer.Ordinal);

    // Every ceremony in the order it was saved, which is the order of expiry while the timeout stays the same.
    private readonly LinkedList<string> _bySaving = new();
    private readonly CeremonyShares _shares = new();
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private int _units;

    /// <summary>Initializes a new instance of <see cref="InMemoryCeremonyStore"/> holding at most <see cref="DefaultCapacity"/> units.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    public InMemoryCeremonyStore(TimeProvider timeProvider)
        : this(timeProvider, DefaultCapacity)
    {
    }

    /// <summary>Initializes a new instance of <see cref="InMemoryCeremonyStore"/>.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    /// <param name="capacity">How many units it holds at most; at least 1.</param>
    public InMemoryCeremonyStore(TimeProvider timeProvider, int capacity)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Gets how many units it holds at most.</summary>
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

    /// <summary>Gets how many units are held now.</summary>
    public int Units
    {
        get
        {
            lock (_lock)
            {
                return _units;
            }
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        cancellationToken.ThrowIfCancellationRequested();
        var client = ceremony.ClientPartition ?? NoClient;
        var weight = WeightOf(ceremony);
        lock (_lock)
        {
            if (_ceremonies.ContainsKey(ceremony.Id))
            {
                throw new InvalidOperationException("A ceremony with this id already exists.");
            }

            if (!TryMakeRoom(client, weight))
            {
                throw new PasskeyCeremonyStoreFullException($"The in-memory ceremony store holds its capacity of {Capacity} units in progress.");
            }

            _ceremonies.Add(ceremony.Id, new Held(ceremony, client, weight, _shares.Add(client, ceremony.Id, weight), _bySaving.AddLast(ceremony.Id)));
            _units += weight;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PasskeyCeremony?> TakeAsync(string ceremonyId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PasskeyCeremony? ceremony;
        lock (_lock)
        {
            ceremony = Drop(ceremonyId);
        }

        var taken = ceremony is not null && ceremony.ExpiresAt > _timeProvider.GetUtcNow();
        return Task.FromResult(taken ? ceremony : null);
    }

    /// <inheritdoc />
    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            var expired = _ceremonies.Where(c => c.Value.Ceremony.ExpiresAt <= now).Select(c => c.Key).ToList();
            foreach (var id in expired)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Drop(id);
            }

            return Task.FromResult(expired.Count);
        }
    }

    private static int WeightOf(PasskeyCeremony ceremony) => 1 + (ceremony.OptionsJson.Length / UnitSize);

    // Expired ceremonies leave from the front of the saving order; then the client holding the most gives up its
    // heaviest, then newest, ceremony, while it holds more than the newcomer would and more than the protected share.
    private bool TryMakeRoom(string client, int weight)
    {
        var now = _timeProvider.GetUtcNow();
        while (_units + weight > Capacity)
        {
            if (_bySaving.First is { } oldest && _ceremonies[oldest.Value].Ceremony.ExpiresAt <= now)
            {
                Drop(oldest.Value);
                continue;
            }

            if (_shares.Largest <= Math.Max(_shares.UnitsOf(client) + weight, ProtectedShare))
            {
                return false;
            }

            Drop(_shares.ToDropFromLargest());
        }

        return true;
    }

    private PasskeyCeremony? Drop(string id)
    {
        if (!_ceremonies.Remove(id, out var held))
        {
            return null;
        }

        _shares.Remove(held.Client, held.Share, held.Weight);
        _bySaving.Remove(held.Saved);
        _units -= held.Weight;
        return held.Ceremony;
    }

    private sealed record Held(PasskeyCeremony Ceremony, string Client, int Weight, LinkedListNode<string> Share, LinkedListNode<string> Saved);
}
