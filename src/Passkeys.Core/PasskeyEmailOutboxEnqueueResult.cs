namespace Passkeys;

/// <summary>What <see cref="Stores.IPasskeyEmailOutboxStore.EnqueueAsync"/> did with a message.</summary>
public enum PasskeyEmailOutboxEnqueueResult
{
    /// <summary>The message is queued.</summary>
    Queued,

    /// <summary>Refused: the message's partition holds as many messages as one may.</summary>
    PartitionFull,

    /// <summary>Refused: the message's lane holds as many messages as it may.</summary>
    Full,
}
