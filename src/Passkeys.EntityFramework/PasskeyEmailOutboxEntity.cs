namespace Passkeys.EntityFramework;

/// <summary>
/// Represents a row of the email outbox table. The store maps it to and from <see cref="PasskeyEmailOutboxMessage"/>.
/// </summary>
public class PasskeyEmailOutboxEntity
{
    /// <summary>Gets or sets the id of the message (the primary key).</summary>
    public Guid Id { get; set; }

    /// <summary>Gets or sets what the message is.</summary>
    public string Kind { get; set; } = default!;

    /// <summary>Gets or sets the facts the sender needs, as JSON.</summary>
    public string Payload { get; set; } = default!;

    /// <summary>Gets or sets whose share of the outbox the message takes.</summary>
    public string Partition { get; set; } = default!;

    /// <summary>Gets or sets the lane of the message.</summary>
    public int Lane { get; set; }

    /// <summary>Gets or sets how many messages of the lane its partition held when it was queued: its turn among the partitions.</summary>
    public int Rank { get; set; }

    /// <summary>Gets or sets when the message may be claimed next.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Gets or sets how many times the message was claimed.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets the version of the row, changed by every claim and rescheduling.</summary>
    public long Version { get; set; }
}
