using Microsoft.AspNetCore.Authorization;

namespace Passkeys.AspNetCore;

/// <summary>
/// An authorization requirement met when the signed-in session's last passkey ceremony (a passkey sign-in, or a
/// confirmation through <c>POST /passkeys/reauthenticate</c>) is recent.
/// </summary>
/// <remarks>
/// Used by the <see cref="PasskeysDefaults.RecentPasskeyPolicy"/> policy and by
/// <c>AuthorizationPolicyBuilder.RequireRecentPasskey()</c>. When it fails, an API call (anything but a page
/// navigation) is answered 401 with problem code <see cref="PasskeyHttpErrorCodes.ReauthenticationRequired"/>, which
/// <c>passkeys.js</c> answers by confirming with a passkey and sending the request again; a page navigation is
/// challenged, so the user signs in again.
/// </remarks>
public sealed class PasskeyRecentAuthenticationRequirement : IAuthorizationRequirement
{
    /// <summary>
    /// Initializes a new instance of <see cref="PasskeyRecentAuthenticationRequirement"/>.
    /// </summary>
    /// <param name="window">
    /// How recent the passkey ceremony must be; <see langword="null"/> for
    /// <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is zero or negative.</exception>
    public PasskeyRecentAuthenticationRequirement(TimeSpan? window = null)
    {
        if (window is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(window));
        }

        Window = window;
    }

    /// <summary>
    /// Gets how recent the passkey ceremony must be, or <see langword="null"/> for
    /// <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/>.
    /// </summary>
    public TimeSpan? Window { get; }
}
