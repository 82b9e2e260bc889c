namespace Passkeys.EntityFramework;

/// <summary>
/// Represents a row of the email login tokens table. The stores map it to and from <see cref="PasskeyLoginToken"/>.
/// </summary>
public class PasskeyLoginTokenEntity
{
    /// <summary>Gets or sets the SHA-256 hash of the secret sent in the link (the primary key).</summary>
    public byte[] TokenHash { get; set; } = default!;

    /// <summary>Gets or sets the id of the user the link signs in.</summary>
    public string UserId { get; set; } = default!;

    /// <summary>Gets or sets when the link stops working.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Gets or sets the hash of the browser binding, or <see langword="null"/>.</summary>
    public byte[]? BrowserBindingHash { get; set; }
}
