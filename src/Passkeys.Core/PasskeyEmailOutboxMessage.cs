namespace Passkeys;

/// <summary>
/// Represents an email waiting in the durable outbox: what to send, as the app described it, never a link or a
/// token (those are made when the message is sent, so a retry never sends the same one twice).
/// </summary>
public sealed class PasskeyEmailOutboxMessage
{
    /// <summary>
    /// Initializes a new instance of <see cref="PasskeyEmailOutboxMessage"/>.
    /// </summary>
    /// <param name="id">The id of the message.</param>
    /// <param name="kind">What the message is, a short stable code the sender understands.</param>
    /// <param name="payload">The facts the sender needs, as JSON.</param>
    /// <param name="partition">Whose share of the outbox the message takes: a client, or an account.</param>
    /// <param name="lane">The lane of the message: lower lanes are sent first, and each lane has its own capacity.</param>
    /// <param name="dueAt">When the message may be sent first.</param>
    public PasskeyEmailOutboxMessage(Guid id, string kind, string payload, string partition, int lane, DateTimeOffset dueAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(lane);

        Id = id;
        Kind = kind;
        Payload = payload;
        Partition = partition;
        Lane = lane;
        DueAt = dueAt;
    }

    /// <summary>Gets the id of the message.</summary>
    public Guid Id { get; }

    /// <summary>Gets what the message is, a short stable code the sender understands.</summary>
    public string Kind { get; }

    /// <summary>Gets the facts the sender needs, as JSON.</summary>
    public string Payload { get; }

    /// <summary>Gets whose share of the outbox the message takes: a client, or an account.</summary>
    public string Partition { get; }

    /// <summary>Gets the lane of the message: lower lanes are sent first, and each lane has its own capacity.</summary>
    public int Lane { get; }

    /// <summary>
    /// Gets or sets when the message may be claimed next: when it is due, when its claim expires, or when it is
    /// tried again.
    /// </summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Gets or sets how many times the message was claimed.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// Gets or sets the version of the message's row: every claim and every rescheduling changes it, so only the
    /// holder of the latest claim can complete or reschedule the message.
    /// </summary>
    public long Version { get; set; }
}
