namespace Passkeys.Stores.InMemory;

/// <summary>
/// The ceremonies of a bounded store, grouped by the client each was started for, so that a full store can find
/// the client holding the most and drop that one's newest ceremony (longest-queue drop).
/// </summary>
/// <remarks>
/// Every call is O(1): clients are kept in buckets by how many ceremonies they hold, and the largest bucket in use
/// is tracked as sizes move by one. Not thread-safe: the owner locks.
/// </remarks>
internal sealed class CeremonyShares
{
    private readonly Dictionary<string, Share> _shares = new(StringComparer.Ordinal);
    private readonly Dictionary<int, LinkedList<Share>> _bySize = [];
    private int _largest;

    /// <summary>Gets how many ceremonies <paramref name="client"/> holds.</summary>
    public int CountOf(string client) => _shares.TryGetValue(client, out var share) ? share.Ceremonies.Count : 0;

    /// <summary>Gets how many ceremonies the client holding the most holds.</summary>
    public int Largest => _largest;

    /// <summary>Counts <paramref name="ceremony"/> against <paramref name="client"/> as its newest.</summary>
    public LinkedListNode<string> Add(string client, string ceremony)
    {
        if (!_shares.TryGetValue(client, out var share))
        {
            share = new Share(client);
            _shares.Add(client, share);
        }

        var node = share.Ceremonies.AddLast(ceremony);
        Resized(share, share.Ceremonies.Count - 1);
        return node;
    }

    /// <summary>Stops counting a ceremony of <paramref name="client"/>, by the node <see cref="Add"/> returned.</summary>
    public void Remove(string client, LinkedListNode<string> node)
    {
        var share = _shares[client];
        share.Ceremonies.Remove(node);
        Resized(share, share.Ceremonies.Count + 1);
    }

    /// <summary>Gets the id of the newest ceremony of the client holding the most.</summary>
    public string NewestOfLargest() => _bySize[_largest].First!.Value.Ceremonies.Last!.Value;

    // Moves the share to the bucket of its new size; an empty share is forgotten.
    private void Resized(Share share, int oldSize)
    {
        var newSize = share.Ceremonies.Count;
        if (oldSize > 0)
        {
            var bucket = _bySize[oldSize];
            bucket.Remove(share.Bucket!);
            if (bucket.Count == 0)
            {
                _bySize.Remove(oldSize);
                if (oldSize == _largest && newSize < oldSize)
                {
                    _largest = newSize;
                }
            }
        }

        if (newSize == 0)
        {
            _shares.Remove(share.Client);
            return;
        }

        if (!_bySize.TryGetValue(newSize, out var into))
        {
            into = new LinkedList<Share>();
            _bySize.Add(newSize, into);
        }

        share.Bucket = into.AddLast(share);
        _largest = Math.Max(_largest, newSize);
    }

    private sealed class Share(string client)
    {
        public string Client { get; } = client;

        public LinkedList<string> Ceremonies { get; } = new();

        public LinkedListNode<Share>? Bucket { get; set; }
    }
}
