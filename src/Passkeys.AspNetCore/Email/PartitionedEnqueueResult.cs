namespace Passkeys.AspNetCore.Email;

/// <summary>What <see cref="PartitionedQueue{T}.TryEnqueue"/> did with an item.</summary>
internal enum PartitionedEnqueueResult
{
    /// <summary>Queued.</summary>
    Queued,

    /// <summary>Queued in the place of the newest item of the partition holding the most, which is dropped.</summary>
    QueuedInPlaceOfAnother,

    /// <summary>Refused: the item's partition holds as many items as one may.</summary>
    PartitionFull,

    /// <summary>Refused: the queue is full and no partition holds more items than the item's own.</summary>
    Full,
}
