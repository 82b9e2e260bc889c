namespace Passkeys.EntityFramework;

/// <summary>
/// Represents a row of the ceremonies table. The stores map it to and from <see cref="PasskeyCeremony"/>.
/// </summary>
public class PasskeyCeremonyEntity
{
    /// <summary>Gets or sets the random identifier of the ceremony (the primary key).</summary>
    public string Id { get; set; } = default!;

    /// <summary>Gets or sets the kind of ceremony.</summary>
    public PasskeyCeremonyKind Kind { get; set; }

    /// <summary>Gets or sets the options exactly as issued, in WebAuthn JSON.</summary>
    public string OptionsJson { get; set; } = default!;

    /// <summary>Gets or sets when the ceremony stops being accepted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Gets or sets the id of the user the ceremony is for, or <see langword="null"/>.</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the email address of the account being created, or <see langword="null"/>.</summary>
    public string? Email { get; set; }

    /// <summary>Gets or sets the origin the ceremony was started from, or <see langword="null"/>.</summary>
    public string? Origin { get; set; }
}
