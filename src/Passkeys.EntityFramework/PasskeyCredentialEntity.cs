namespace Passkeys.EntityFramework;

/// <summary>
/// Represents a row of the passkey credentials table. The stores map it to and from <see cref="PasskeyCredential"/>.
/// </summary>
public class PasskeyCredentialEntity
{
    /// <summary>Gets or sets the credential id chosen by the authenticator (the primary key).</summary>
    public byte[] CredentialId { get; set; } = default!;

    /// <summary>Gets or sets the id of the user who owns the credential.</summary>
    public string UserId { get; set; } = default!;

    /// <summary>Gets or sets the COSE-encoded public key.</summary>
    public byte[] PublicKey { get; set; } = default!;

    /// <summary>Gets or sets the signature counter last reported by the authenticator.</summary>
    public uint SignCount { get; set; }

    /// <summary>Gets or sets the reported transports, comma-separated (<c>hybrid,internal</c>).</summary>
    public string Transports { get; set; } = string.Empty;

    /// <summary>Gets or sets the AAGUID of the authenticator model.</summary>
    public Guid Aaguid { get; set; }

    /// <summary>Gets or sets the attestation statement format.</summary>
    public string AttestationFormat { get; set; } = default!;

    /// <summary>Gets or sets a value indicating whether the credential may be backed up.</summary>
    public bool IsBackupEligible { get; set; }

    /// <summary>Gets or sets a value indicating whether the credential was backed up at its last use.</summary>
    public bool IsBackedUp { get; set; }

    /// <summary>Gets or sets a value indicating whether the user was verified at the credential's last use.</summary>
    public bool IsUserVerified { get; set; }

    /// <summary>Gets or sets when the credential was registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the credential was last used, or <see langword="null"/> if never.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Gets or sets the name the user gave the passkey, or <see langword="null"/>.</summary>
    public string? Name { get; set; }
}
