namespace Passkeys;

/// <summary>
/// What to do when a passkey's backup eligibility (the BE flag) differs from the one stored when it was created.
/// </summary>
/// <remarks>
/// The specification makes BE a permanent property of a credential, but providers have changed it: iCloud Keychain
/// reported BE=0 at creation and BE=1 once the passkey synced, iOS 16 the other way round, and a password manager
/// update turned it on for passkeys made before. See
/// <see href="https://www.w3.org/TR/webauthn-3/#sctn-credential-backup">WebAuthn §6.1.3</see>.
/// </remarks>
public enum BackupEligibilityChangePolicy
{
    /// <summary>Refuse the sign-in with <see cref="PasskeyErrorCodes.BackupFlagsInvalid"/>, as the specification reads.</summary>
    Reject = 0,

    /// <summary>
    /// Accept the sign-in when the passkey does not count (stored and reported signature counters zero, as synced
    /// providers report them) and the new flags still meet <see cref="PasskeyOptions.BackupEligibility"/> and
    /// <see cref="PasskeyOptions.BackupState"/>: store the new flag, flag the sign-in, log a warning and count it. A
    /// passkey that counts and changes BE is refused as under <see cref="Reject"/>: its counter is what tells a clone.
    /// </summary>
    AcceptAndUpdate = 1,
}
