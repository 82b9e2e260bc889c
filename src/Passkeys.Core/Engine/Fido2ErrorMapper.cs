using Fido2NetLib.Exceptions;

namespace Passkeys.Engine;

/// <summary>
/// Maps Fido2's verification error codes to this library's stable codes.
/// </summary>
internal static class Fido2ErrorMapper
{
    public static string ToCode(Fido2ErrorCode code) => code switch
    {
        Fido2ErrorCode.InvalidRpidHash => PasskeyErrorCodes.RpIdMismatch,
        Fido2ErrorCode.InvalidSignature => PasskeyErrorCodes.SignatureInvalid,
        Fido2ErrorCode.InvalidSignCount => PasskeyErrorCodes.CounterRegressed,
        Fido2ErrorCode.UserVerificationRequirementNotMet => PasskeyErrorCodes.UserVerificationRequired,
        Fido2ErrorCode.UserPresentFlagNotSet => PasskeyErrorCodes.UserPresenceRequired,
        Fido2ErrorCode.MissingAuthenticatorResponseChallenge or Fido2ErrorCode.InvalidAuthenticatorResponseChallenge
            => PasskeyErrorCodes.ChallengeMismatch,
        Fido2ErrorCode.MissingAuthenticatorResponseOrigin or Fido2ErrorCode.InvalidAuthenticatorResponseOrigin
            or Fido2ErrorCode.CrossOriginRequestNotAllowed or Fido2ErrorCode.InvalidAuthenticatorResponseTopOrigin
            => PasskeyErrorCodes.OriginMismatch,
        Fido2ErrorCode.NonUniqueCredentialId => PasskeyErrorCodes.DuplicateCredential,
        Fido2ErrorCode.InvalidBackupFlags or Fido2ErrorCode.BackupEligibilityRequirementNotMet
            or Fido2ErrorCode.BackupStateRequirementNotMet => PasskeyErrorCodes.BackupFlagsInvalid,
        Fido2ErrorCode.CredentialAlgorithmRequirementNotMet or Fido2ErrorCode.UnimplementedAlgorithm
            => PasskeyErrorCodes.AlgorithmNotAllowed,
        Fido2ErrorCode.InvalidAttestation or Fido2ErrorCode.InvalidCertificateChain or Fido2ErrorCode.UnknownAttestationType
            or Fido2ErrorCode.MissingAttestationType or Fido2ErrorCode.UndesiredMetadataStatus or Fido2ErrorCode.AaGuidNotFound
            => PasskeyErrorCodes.AttestationInvalid,
        Fido2ErrorCode.MalformedAttestationObject or Fido2ErrorCode.MissingAttestationObject or Fido2ErrorCode.InvalidAttestationObject
            or Fido2ErrorCode.MalformedAuthenticatorResponse or Fido2ErrorCode.MissingAuthenticatorData
            or Fido2ErrorCode.InvalidAuthenticatorData or Fido2ErrorCode.InvalidAttestedCredentialData
            or Fido2ErrorCode.AttestedCredentialDataFlagNotSet or Fido2ErrorCode.InvalidCredentialPublicKey
            or Fido2ErrorCode.MalformedExtensionsDetected or Fido2ErrorCode.MissingStoredPublicKey
            => PasskeyErrorCodes.MalformedResponse,
        _ => PasskeyErrorCodes.VerificationFailed,
    };
}
