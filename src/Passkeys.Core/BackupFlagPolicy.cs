namespace Passkeys;

/// <summary>
/// Whether a backup flag (BE or BS) must be set, may be set, or must not be set.
/// </summary>
/// <remarks>See <see href="https://www.w3.org/TR/webauthn-3/#sctn-credential-backup">WebAuthn §6.1.3</see>.</remarks>
public enum BackupFlagPolicy
{
    /// <summary>The flag may be set or not.</summary>
    Allowed = 0,

    /// <summary>The flag must be set (only synced passkeys are accepted).</summary>
    Required = 1,

    /// <summary>The flag must not be set (only device-bound credentials are accepted).</summary>
    Disallowed = 2,
}
