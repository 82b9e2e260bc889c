namespace Passkeys;

/// <summary>
/// Represents a passkey: the WebAuthn credential record a relying party keeps for one authenticator.
/// </summary>
/// <remarks>
/// The facts fixed at registration are set by the constructor; only what changes with use is settable.
/// See <see href="https://www.w3.org/TR/webauthn-3/#credential-record">WebAuthn §4 credential record</see>.
/// </remarks>
public sealed class PasskeyCredential
{
    /// <summary>
    /// Initializes a new instance of <see cref="PasskeyCredential"/>.
    /// </summary>
    /// <param name="credentialId">The credential id chosen by the authenticator.</param>
    /// <param name="userId">The <see cref="PasskeyUser.Id"/> of the owner.</param>
    /// <param name="publicKey">The COSE-encoded public key.</param>
    /// <param name="signCount">The signature counter reported at registration.</param>
    /// <param name="aaguid">The authenticator model's AAGUID (all zeros when not attested).</param>
    /// <param name="attestationFormat">The attestation statement format, such as <c>none</c> or <c>packed</c>.</param>
    /// <param name="isBackupEligible">Whether the credential may be synced (the BE flag, fixed for its life).</param>
    /// <param name="createdAt">When the credential was registered.</param>
    public PasskeyCredential(
        byte[] credentialId,
        string userId,
        byte[] publicKey,
        uint signCount,
        Guid aaguid,
        string attestationFormat,
        bool isBackupEligible,
        DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(attestationFormat);

        CredentialId = credentialId;
        UserId = userId;
        PublicKey = publicKey;
        SignCount = signCount;
        Aaguid = aaguid;
        AttestationFormat = attestationFormat;
        IsBackupEligible = isBackupEligible;
        CreatedAt = createdAt;
    }

    /// <summary>
    /// Gets the credential id chosen by the authenticator.
    /// </summary>
    public byte[] CredentialId { get; }

    /// <summary>
    /// Gets the <see cref="PasskeyUser.Id"/> of the user who owns this credential.
    /// </summary>
    public string UserId { get; }

    /// <summary>
    /// Gets the COSE-encoded credential public key.
    /// </summary>
    public byte[] PublicKey { get; }

    /// <summary>
    /// Gets the AAGUID of the authenticator model.
    /// </summary>
    public Guid Aaguid { get; }

    /// <summary>
    /// Gets the attestation statement format given at registration.
    /// </summary>
    public string AttestationFormat { get; }

    /// <summary>
    /// Gets or sets a value indicating whether the credential may be backed up (synced), the BE flag. Meant to be
    /// fixed for the credential's life; a sign-in updates it only under <see cref="BackupEligibilityChangePolicy.AcceptAndUpdate"/>.
    /// </summary>
    public bool IsBackupEligible { get; set; }

    /// <summary>
    /// Gets when the credential was registered.
    /// </summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>
    /// Gets or sets the signature counter last reported by the authenticator.
    /// </summary>
    public uint SignCount { get; set; }

    /// <summary>
    /// Gets or sets the transports the authenticator reported (<c>usb</c>, <c>nfc</c>, <c>ble</c>,
    /// <c>smart-card</c>, <c>hybrid</c>, <c>internal</c>).
    /// </summary>
    public IReadOnlyList<string> Transports { get; set; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether the credential was backed up at its last use (the BS flag).
    /// </summary>
    public bool IsBackedUp { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the user was verified at the credential's last use.
    /// </summary>
    public bool IsUserVerified { get; set; }

    /// <summary>
    /// Gets or sets when the credential was last used to sign in, or <see langword="null"/> if never.
    /// </summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>
    /// Gets or sets the name the user gave this passkey, or <see langword="null"/>.
    /// </summary>
    public string? Name { get; set; }
}
