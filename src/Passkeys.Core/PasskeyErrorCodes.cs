namespace Passkeys;

/// <summary>
/// The stable codes of expected ceremony failures. Clients may depend on these strings.
/// </summary>
public static class PasskeyErrorCodes
{
    /// <summary>The ceremony is unknown, already completed or expired.</summary>
    public const string ChallengeNotFound = "challenge_not_found";

    /// <summary>The response was made for a different challenge than the ceremony issued.</summary>
    public const string ChallengeMismatch = "challenge_mismatch";

    /// <summary>The response was made for a different kind of ceremony.</summary>
    public const string CeremonyMismatch = "ceremony_mismatch";

    /// <summary>The response came from an origin that is not allowed.</summary>
    public const string OriginMismatch = "origin_mismatch";

    /// <summary>The authenticator data was made for a different relying party id.</summary>
    public const string RpIdMismatch = "rp_id_mismatch";

    /// <summary>The client data has the wrong <c>type</c> for this ceremony.</summary>
    public const string ClientDataTypeMismatch = "client_data_type_mismatch";

    /// <summary>The assertion signature does not verify with the stored public key.</summary>
    public const string SignatureInvalid = "signature_invalid";

    /// <summary>
    /// No credential with this id is stored, or it is not one the sign-in options allowed (another person's passkey
    /// in a sign-in for a named user fails with this code too, so the answer does not say whether the name exists).
    /// </summary>
    public const string UnknownCredential = "unknown_credential";

    /// <summary>
    /// A discoverable sign-in's response named, with a user handle, a passkey that is not registered here (no stored
    /// passkey has that credential id and user handle): the passkey provider may forget it
    /// (<c>PublicKeyCredential.signalUnknownCredential</c>). Never given with a user name, nor without a user handle
    /// (then the answer is <see cref="UnknownCredential"/>); a stored id with another user's handle gets this answer
    /// too, so it tells no more than <see cref="UnknownCredential"/> did.
    /// </summary>
    public const string CredentialNotRegistered = "credential_not_registered";

    /// <summary>The user handle in the response is missing or does not own the credential.</summary>
    public const string UserHandleMismatch = "user_handle_mismatch";

    /// <summary>The signature counter did not increase, which may mean the authenticator was cloned.</summary>
    public const string CounterRegressed = "counter_regressed";

    /// <summary>User presence was not asserted.</summary>
    public const string UserPresenceRequired = "user_presence_required";

    /// <summary>User verification was required but not performed.</summary>
    public const string UserVerificationRequired = "user_verification_required";

    /// <summary>The backup flags are inconsistent (BS without BE) or refused by policy.</summary>
    public const string BackupFlagsInvalid = "backup_flags_invalid";

    /// <summary>The credential's algorithm is not one the relying party allows.</summary>
    public const string AlgorithmNotAllowed = "algorithm_not_allowed";

    /// <summary>The attestation statement does not verify.</summary>
    public const string AttestationInvalid = "attestation_invalid";

    /// <summary>The credential id is already registered.</summary>
    public const string DuplicateCredential = "duplicate_credential";

    /// <summary>The user name is already taken.</summary>
    public const string UserExists = "user_exists";

    /// <summary>The email address is already used by another account.</summary>
    public const string EmailExists = "email_exists";

    /// <summary>The user does not exist (any more).</summary>
    public const string UserNotFound = "user_not_found";

    /// <summary>The user name is missing, too short, too long or has characters that are not allowed.</summary>
    public const string InvalidUserName = "invalid_user_name";

    /// <summary>The display name is too long or has control characters.</summary>
    public const string InvalidDisplayName = "invalid_display_name";

    /// <summary>The email address is not valid.</summary>
    public const string InvalidEmail = "invalid_email";

    /// <summary>The response is not well-formed: bad JSON, wrong types, bad encoding, missing or oversized fields.</summary>
    public const string MalformedResponse = "malformed_response";

    /// <summary>
    /// No new ceremony can be started now: the ceremony store is full of ceremonies in progress. Try again shortly.
    /// </summary>
    public const string TooManyCeremonies = "too_many_ceremonies";

    /// <summary>The user already has <see cref="PasskeyOptions.MaxPasskeysPerUser"/> passkeys: delete one to add another.</summary>
    public const string TooManyPasskeys = "too_many_passkeys";

    /// <summary>The user has no passkey, so there is none to confirm with.</summary>
    public const string NoPasskeys = "no_passkeys";

    /// <summary>The response failed verification for a reason without a more specific code.</summary>
    public const string VerificationFailed = "verification_failed";
}
