using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// The result of <see cref="AssertionVerifier.Verify"/>: the outcome, Fido2's error code when it failed, and the
/// authenticator data's counter and flags when it passed.
/// </summary>
internal readonly record struct AssertionVerification(AssertionOutcome Outcome, Fido2ErrorCode Error, uint SignCount, AuthenticatorFlags Flags)
{
    public static AssertionVerification Delegated => new(AssertionOutcome.Delegated, Fido2ErrorCode.Unknown, 0, 0);

    public bool UserVerified => (Flags & AuthenticatorFlags.UV) != 0;

    public bool IsBackupEligible => (Flags & AuthenticatorFlags.BE) != 0;

    public bool IsBackedUp => (Flags & AuthenticatorFlags.BS) != 0;

    public static AssertionVerification Fail(Fido2ErrorCode error) => new(AssertionOutcome.Failed, error, 0, 0);

    public static AssertionVerification Verified(uint signCount, AuthenticatorFlags flags) => new(AssertionOutcome.Verified, Fido2ErrorCode.Unknown, signCount, flags);
}
