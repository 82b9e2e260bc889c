namespace Passkeys.AspNetCore.Email;

/// <summary>
/// A bounded queue shared fairly by partitions (clients, accounts): items leave round-robin across the partitions
/// that hold any, a partition holds at most <see cref="PartitionCapacity"/> items, and when the queue is full a
/// partition holding fewer items than the fullest one takes the place of that one's newest item (longest-queue drop).
/// </summary>
/// <remarks>
/// So a partition that floods the queue fills only its own share: a newcomer waits for at most one item of each
/// busy partition, and is refused only when every partition holds as few items as it does. Every call is O(1) (the
/// fullest partition is found among <see cref="PartitionCapacity"/> size buckets). Not thread-safe: the owner locks.
/// </remarks>
internal sealed class PartitionedQueue<T>
    where T : class
{
    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);

    // The partitions holding items, the next one to serve first.
    private readonly LinkedList<Partition> _turns = new();

    // The partitions by how many items they hold (index 1 to PartitionCapacity), the longest there first.
    private readonly LinkedList<Partition>[] _bySize;

    public PartitionedQueue(int capacity, int partitionCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, partitionCapacity);
        Capacity = capacity;
        PartitionCapacity = partitionCapacity;
        _bySize = new LinkedList<Partition>[partitionCapacity + 1];
        for (var i = 0; i < _bySize.Length; i++)
        {
            _bySize[i] = new LinkedList<Partition>();
        }
    }

    /// <summary>Gets how many items the queue holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many items one partition holds at most.</summary>
    public int PartitionCapacity { get; }

    /// <summary>Gets how many items are queued.</summary>
    public int Count { get; private set; }

    /// <summary>Gets how many items <paramref name="partition"/> holds.</summary>
    public int CountOf(string partition) => _partitions.TryGetValue(partition, out var held) ? held.Items.Count : 0;

    /// <summary>
    /// Queues <paramref name="item"/> for <paramref name="partition"/>; when the queue was full and it took the place of
    /// another partition's newest item, that item is <paramref name="dropped"/>.
    /// </summary>
    public PartitionedEnqueueResult TryEnqueue(string partition, T item, out T? dropped)
    {
        dropped = default;
        _partitions.TryGetValue(partition, out var own);
        var held = own?.Items.Count ?? 0;
        if (held >= PartitionCapacity)
        {
            return PartitionedEnqueueResult.PartitionFull;
        }

        if (Count >= Capacity)
        {
            var fullest = Fullest();
            if (fullest.Items.Count <= held)
            {
                return PartitionedEnqueueResult.Full;
            }

            dropped = fullest.Items.Last!.Value;
            fullest.Items.RemoveLast();
            Count--;
            Resized(fullest, fullest.Items.Count + 1);
        }

        if (own is null)
        {
            own = new Partition(partition);
            _partitions.Add(partition, own);
            own.Turn = _turns.AddLast(own);
        }

        own.Items.AddLast(item);
        Count++;
        Resized(own, held);
        return dropped is null ? PartitionedEnqueueResult.Queued : PartitionedEnqueueResult.QueuedInPlaceOfAnother;
    }

    /// <summary>Takes the oldest item of the partition whose turn it is; that partition's next turn is after all others'.</summary>
    public bool TryDequeue(out T item)
    {
        if (_turns.First is not { } turn)
        {
            item = default!;
            return false;
        }

        var partition = turn.Value;
        item = partition.Items.First!.Value;
        partition.Items.RemoveFirst();
        Count--;
        Resized(partition, partition.Items.Count + 1);
        if (partition.Items.Count > 0)
        {
            _turns.Remove(turn);
            _turns.AddLast(turn);
        }

        return true;
    }

    private Partition Fullest()
    {
        for (var size = PartitionCapacity; ; size--)
        {
            if (_bySize[size].First is { } longest)
            {
                return longest.Value;
            }
        }
    }

    // Moves the partition to the bucket of its new size; an empty partition is forgotten.
    private void Resized(Partition partition, int oldSize)
    {
        if (oldSize > 0)
        {
            _bySize[oldSize].Remove(partition.Size!);
        }

        if (partition.Items.Count > 0)
        {
            partition.Size = _bySize[partition.Items.Count].AddLast(partition);
            return;
        }

        _turns.Remove(partition.Turn!);
        _partitions.Remove(partition.Key);
    }

    private sealed class Partition(string key)
    {
        public string Key { get; } = key;

        public LinkedList<T> Items { get; } = new();

        public LinkedListNode<Partition>? Turn { get; set; }

        public LinkedListNode<Partition>? Size { get; set; }
    }
}
