namespace Passkeys;

/// <summary>
/// Default values and limits used by Passkeys for .NET.
/// </summary>
public static class PasskeysDefaults
{
    /// <summary>The default authentication scheme for the passkey sign-in cookie.</summary>
    public const string AuthenticationScheme = "Passkeys";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that reports ceremonies.</summary>
    public const string MeterName = "Passkeys";

    /// <summary>The shortest user handle allowed, in bytes.</summary>
    public const int MinUserHandleLength = 32;

    /// <summary>The longest user handle allowed, in bytes (WebAuthn §5.4.3).</summary>
    public const int MaxUserHandleLength = 64;

    /// <summary>The longest credential id allowed, in bytes (WebAuthn §6.1).</summary>
    public const int MaxCredentialIdLength = 1023;

    /// <summary>The longest name a user can give a passkey, in characters.</summary>
    public const int MaxCredentialNameLength = 100;

    /// <summary>
    /// The longest user name or email address allowed in its <see cref="PasskeyNameNormalizer"/> form, in UTF-16
    /// code units; stores may size their normalized columns to it.
    /// </summary>
    public const int MaxNormalizedNameLength = 256;

    /// <summary>The route prefix <c>MapPasskeys()</c> maps the passkey endpoints under by default.</summary>
    public const string EndpointPrefix = "/passkeys";

    /// <summary>The name of the rate limiter policy the passkey endpoints use.</summary>
    public const string RateLimiterPolicy = "Passkeys";

    /// <summary>
    /// The claim type that carries the user's <see cref="PasskeyUser.SecurityStamp"/> in a sign-in session; a session
    /// whose stamp is not the stored one is signed out.
    /// </summary>
    public const string SecurityStampClaimType = "passkeys:security_stamp";

    /// <summary>
    /// The claim type that carries when the session's user last authenticated (a sign-in, or a confirmation with a
    /// passkey), in Unix seconds, as the <c>auth_time</c> claim of OpenID Connect Core §2.
    /// </summary>
    public const string AuthenticationTimeClaimType = "auth_time";

    /// <summary>
    /// The name of the authorization policy that requires a passkey ceremony within
    /// <c>PasskeyHttpOptions.RecentAuthenticationWindow</c>.
    /// </summary>
    public const string RecentPasskeyPolicy = "Passkeys.RecentPasskey";

    /// <summary>
    /// The prefix the passkey cookies take on https: the browser then accepts them only with Secure, Path=/ and no
    /// Domain, so no other host or plain-http page can set or overwrite them.
    /// </summary>
    public const string HostCookiePrefix = "__Host-";
}
