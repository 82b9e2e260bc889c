namespace Passkeys.EntityFramework;

/// <summary>
/// Represents a row of the passkey users table. The stores map it to and from <see cref="PasskeyUser"/>.
/// </summary>
public class PasskeyUserEntity
{
    /// <summary>Gets or sets the opaque, stable identifier of the user (the primary key).</summary>
    public string Id { get; set; } = default!;

    /// <summary>Gets or sets the WebAuthn user handle (unique).</summary>
    public byte[] UserHandle { get; set; } = default!;

    /// <summary>Gets or sets the user name as the person typed it.</summary>
    public string UserName { get; set; } = default!;

    /// <summary>Gets or sets the user name in its <see cref="PasskeyNameNormalizer"/> form, unique.</summary>
    public string NormalizedUserName { get; set; } = default!;

    /// <summary>Gets or sets the name shown to the person.</summary>
    public string DisplayName { get; set; } = default!;

    /// <summary>Gets or sets the email address, or <see langword="null"/>.</summary>
    public string? Email { get; set; }

    /// <summary>Gets or sets the email address in its <see cref="PasskeyNameNormalizer"/> form, unique when present.</summary>
    public string? NormalizedEmail { get; set; }

    /// <summary>Gets or sets an address given but not yet verified; it reserves nothing, so it has no index.</summary>
    public string? PendingEmail { get; set; }

    /// <summary>Gets or sets when the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets the security stamp every sign-in session of the user carries (random, base64url).</summary>
    public string SecurityStamp { get; set; } = default!;
}
