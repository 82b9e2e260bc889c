namespace Passkeys;

/// <summary>
/// Names the client the ceremonies of this scope (one request) are started for, so that a bounded ceremony store
/// can share its room fairly between clients.
/// </summary>
/// <remarks>
/// Registered per scope. The ASP.NET Core endpoints set <see cref="Partition"/> to the client as their rate limits
/// count it (an IPv4 address, or an IPv6 prefix); a host that calls <see cref="PasskeyEngine"/> itself can set it
/// the same way. Left <see langword="null"/>, every ceremony counts against one shared client, so a full store
/// refuses new ceremonies as a whole.
/// </remarks>
public sealed class PasskeyClientContext
{
    /// <summary>Gets or sets the name of the client, as the host counts clients in its limits.</summary>
    public string? Partition { get; set; }

    /// <summary>
    /// Gets or sets the hints of the ceremonies started in this scope (<c>security-key</c>, <c>client-device</c>,
    /// <c>hybrid</c>, most preferred first), in place of <see cref="PasskeyOptions.Hints"/>; an empty list sends none.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="null"/>: the configured hints. The ASP.NET Core endpoints set it from the
    /// <c>hints</c> member of an options request, after refusing a name that is not a hint.
    /// </remarks>
    public IReadOnlyList<string>? Hints { get; set; }

    /// <summary>
    /// Gets or sets the origin the ceremonies of this scope are started from, such as the request's
    /// <c>Origin</c> header; a ceremony then completes only with a response from that origin.
    /// </summary>
    /// <remarks>
    /// The ASP.NET Core endpoints set it from the request's <c>Origin</c> header (which their request guard has
    /// already checked against the configured origins). Left <see langword="null"/> (a native app's request, say),
    /// a response from any configured origin is accepted.
    /// </remarks>
    public string? Origin { get; set; }
}
