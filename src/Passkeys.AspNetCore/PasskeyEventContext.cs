using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore;

/// <summary>
/// Describes a successful passkey operation to a <see cref="PasskeyEvents"/> handler.
/// </summary>
/// <param name="httpContext">The request.</param>
/// <param name="user">The user the operation was for.</param>
/// <param name="credential">The passkey used, added or deleted.</param>
public sealed class PasskeyEventContext(HttpContext httpContext, PasskeyUser user, PasskeyCredential credential)
{
    /// <summary>Gets the request.</summary>
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>Gets the user the operation was for.</summary>
    public PasskeyUser User { get; } = user;

    /// <summary>Gets the passkey used, added or deleted.</summary>
    public PasskeyCredential Credential { get; } = credential;

    /// <summary>
    /// Gets a value indicating whether the sign-in was accepted although the passkey's signature counter did not
    /// increase (<see cref="SignCountRegressionPolicy.AcceptAndFlag"/>, or a synced passkey under
    /// <see cref="SignCountRegressionPolicy.RejectDeviceBound"/>): for a device-bound passkey, a possible clone to audit.
    /// </summary>
    public bool CounterRegressed { get; init; }

    /// <summary>
    /// Gets a value indicating whether the passkey's backup eligibility (BE) changed since it was stored and the sign-in
    /// was accepted anyway (<see cref="BackupEligibilityChangePolicy.AcceptAndUpdate"/>); the credential holds the new value.
    /// </summary>
    public bool BackupEligibilityChanged { get; init; }
}
