namespace Passkeys.AspNetCore;

/// <summary>
/// Configures the durable email outbox (<c>Email:Outbox</c>), used when the app registers an
/// <see cref="Passkeys.Stores.IPasskeyEmailOutboxStore"/> (<c>AddEntityFrameworkStores()</c> does): emails wait in the
/// app's database, any node sends them, and a failed send is tried again.
/// </summary>
public sealed class PasskeyEmailOutboxOptions
{
    /// <summary>
    /// Gets or sets whether emails wait in the database when an outbox store is registered.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="true"/>. With <see langword="false"/>, or without an outbox store, emails wait in
    /// memory on the node that took the request, are tried once, and are lost when that node stops.
    /// </remarks>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how often a node looks for emails that other nodes queued, or whose retry or lease is due.
    /// </summary>
    /// <remarks>
    /// Defaults to 2 seconds; 100 milliseconds to 1 minute are accepted. An email queued on a node wakes that node at
    /// once; the interval is the longest another node waits for it.
    /// </remarks>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets how long a node holds an email it is sending before another node may send it.
    /// </summary>
    /// <remarks>
    /// Defaults to 2 minutes. It must be longer than a send can take (<see cref="PasskeySmtpOptions.Timeout"/>): a node
    /// that is killed while sending leaves the email to another node after this long.
    /// </remarks>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets how many times an email is tried before it is dropped (and an error is logged).
    /// </summary>
    /// <remarks>Defaults to 5; 1 to 20 are accepted. A node that died holding the email counts as one try.</remarks>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Gets or sets how long the first retry waits; each further retry waits twice as long as the one before.
    /// </summary>
    /// <remarks>
    /// Defaults to 10 seconds, so the retries of the default 5 tries wait 10, 20, 40 and 80 seconds; longer than
    /// zero and at most 1 hour are accepted.
    /// </remarks>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
