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
}
