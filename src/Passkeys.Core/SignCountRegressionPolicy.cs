namespace Passkeys;

/// <summary>
/// What to do when an authenticator reports a signature counter that did not increase.
/// </summary>
/// <remarks>See <see href="https://www.w3.org/TR/webauthn-3/#sctn-sign-counter">WebAuthn §6.1.1</see>.</remarks>
public enum SignCountRegressionPolicy
{
    /// <summary>Refuse the sign-in with <see cref="PasskeyErrorCodes.CounterRegressed"/>.</summary>
    Reject = 0,

    /// <summary>Accept the sign-in, flag it on the result, log a warning and count it.</summary>
    AcceptAndFlag = 1,

    /// <summary>
    /// Refuse it for a device-bound passkey (backup ineligible), where a regression can mean a cloned authenticator;
    /// accept and flag it for a backup-eligible (synced) one, whose providers have been seen to stop counting or to
    /// start again at zero, and where a regression says nothing about cloning (the key is meant to be copied).
    /// </summary>
    RejectDeviceBound = 2,
}
