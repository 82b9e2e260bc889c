namespace Passkeys.EntityFramework;

/// <summary>
/// Options for the hosted service that deletes expired ceremonies and email login tokens.
/// </summary>
public sealed class PasskeyStoreSweeperOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether expired rows are swept.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="true"/>. Expired rows are never returned either way; sweeping only keeps the
    /// tables small. Turn it off when another job already deletes them.
    /// </remarks>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how long the sweeper waits between sweeps.
    /// </summary>
    /// <remarks>Defaults to 5 minutes. Must be positive.</remarks>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}
