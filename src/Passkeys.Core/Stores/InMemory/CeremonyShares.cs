namespace Passkeys.Stores.InMemory;

/// <summary>
/// The ceremonies of a bounded store, grouped by the client each was started for and weighed in units (a ceremony
/// whose options are larger weighs more), so that a full store can find the client holding the most and drop that
/// one's heaviest, then newest, ceremony.
/// </summary>
/// <remarks>
/// Clients are kept in buckets by how many units they hold, and the largest bucket in use is tracked as sizes move,
/// so every call costs at most the weight it moves. Not thread-safe: the owner locks.
/// </remarks>
internal sealed class CeremonyShares
{
    private readonly Dictionary<string, Share> _shares = new(StringComparer.Ordinal);
    private readonly Dictionary<int, LinkedList<Share>> _bySize = [];
    private int _largest;

    /// <summary>Gets how many units the client holding the most holds.</summary>
    public int Largest => _largest;

    /// <summary>Gets how many units <paramref name="client"/> holds.</summary>
    public int UnitsOf(string client) => _shares.TryGetValue(client, out var share) ? share.Units : 0;

    /// <summary>Counts a ceremony of <paramref name="weight"/> units against <paramref name="client"/> as its newest.</summary>
    public LinkedListNode<string> Add(string client, string ceremony, int weight)
    {
        if (!_shares.TryGetValue(client, out var share))
        {
            share = new Share(client);
            _shares.Add(client, share);
        }

        var node = (weight > 1 ? share.Heavy : share.Light).AddLast(ceremony);
        Resize(share, weight);
        return node;
    }

    /// <summary>Stops counting a ceremony of <paramref name="client"/>, by the node <see cref="Add"/> returned and its weight.</summary>
    public void Remove(string client, LinkedListNode<string> node, int weight)
    {
        var share = _shares[client];
        node.List!.Remove(node);
        Resize(share, -weight);
    }

    /// <summary>
    /// Gets the ceremony the client holding the most gives up: its newest heavy one (options over one unit), else its
    /// newest; among clients holding as much, the one that reached it last. A flood's ceremonies go first: its heavy
    /// ones before the one-unit ceremony of a person behind the same address, whenever she began; its latest before
    /// hers if she began earlier.
    /// </summary>
    public string ToDropFromLargest()
    {
        var share = _bySize[_largest].Last!.Value;
        return (share.Heavy.Last ?? share.Light.Last)!.Value;
    }

    // Moves the share to the bucket of its new size; an empty share is forgotten.
    private void Resize(Share share, int change)
    {
        var oldSize = share.Units;
        share.Units += change;
        if (oldSize > 0)
        {
            var bucket = _bySize[oldSize];
            bucket.Remove(share.Bucket!);
            if (bucket.Count == 0)
            {
                _bySize.Remove(oldSize);
            }
        }

        if (share.Units == 0)
        {
            _shares.Remove(share.Client);
        }
        else
        {
            if (!_bySize.TryGetValue(share.Units, out var into))
            {
                into = new LinkedList<Share>();
                _bySize.Add(share.Units, into);
            }

            share.Bucket = into.AddLast(share);
        }

        // Growing can only raise the largest; shrinking the largest share can lower it to any size in between.
        _largest = Math.Max(_largest, share.Units);
        while (_largest > 0 && !_bySize.ContainsKey(_largest))
        {
            _largest--;
        }
    }

    private sealed class Share(string client)
    {
        public string Client { get; } = client;

        // Ceremonies of one unit, and heavier ones, each in the order they were saved.
        public LinkedList<string> Light { get; } = new();

        public LinkedList<string> Heavy { get; } = new();

        public int Units { get; set; }

        public LinkedListNode<Share>? Bucket { get; set; }
    }
}
