namespace Passkeys.AspNetCore;

/// <summary>
/// The stable codes of refusals made by the HTTP endpoints themselves, beside the ceremony codes of
/// <see cref="PasskeyErrorCodes"/>. Clients may depend on these strings.
/// </summary>
public static class PasskeyHttpErrorCodes
{
    /// <summary>The body is not valid JSON of the expected shape (wrong types, missing fields, bad encoding).</summary>
    public const string MalformedRequest = "malformed_request";

    /// <summary>
    /// The <c>hints</c> of an options request are not a list of WebAuthn hints: a name other than
    /// <c>security-key</c>, <c>client-device</c> or <c>hybrid</c>, one given twice, or not an array of strings.
    /// </summary>
    public const string InvalidHint = "invalid_hint";

    /// <summary>The body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>The body is larger than <see cref="PasskeyHttpOptions.MaxRequestBodySize"/>.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>The request came from another site (its <c>Origin</c> or <c>Sec-Fetch-Site</c> says so).</summary>
    public const string CrossSiteRequest = "cross_site_request";

    /// <summary>Too many requests from this client address; try again later.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The endpoint needs a signed-in user.</summary>
    public const string NotAuthenticated = "not_authenticated";

    /// <summary>
    /// The change needs a passkey ceremony within <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/>: confirm
    /// with <c>POST reauthenticate/options</c> and <c>POST reauthenticate</c>, then send the request again.
    /// </summary>
    public const string ReauthenticationRequired = "reauthentication_required";

    /// <summary>
    /// Adding a passkey by conditional create (the automatic passkey upgrade) is offered only to a session that signed in
    /// with an emailed link within <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/> and has added no passkey
    /// since (403).
    /// </summary>
    public const string UpgradeNotOffered = "upgrade_not_offered";

    /// <summary>The passkey does not exist or belongs to someone else.</summary>
    public const string CredentialNotFound = "credential_not_found";

    /// <summary>The passkey is the user's last one and may not be deleted.</summary>
    public const string LastCredential = "last_credential";

    /// <summary>The passkey name is too long or has control characters.</summary>
    public const string InvalidCredentialName = "invalid_credential_name";

    /// <summary>
    /// The sign-in link is unknown, already used, expired or altered. These cases are not told apart, so a guess
    /// learns nothing.
    /// </summary>
    public const string TokenInvalid = "token_invalid";

    /// <summary>The account has no address waiting for verification (409).</summary>
    public const string NoPendingEmail = "no_pending_email";

    /// <summary>
    /// The sign-in link was opened in another browser than the one that asked for it
    /// (see <see cref="PasskeyEmailLoginOptions.BindToBrowser"/>).
    /// </summary>
    public const string TokenWrongBrowser = "token_wrong_browser";

    /// <summary>Too many sign-in links were asked for this address or from this client; try again later.</summary>
    public const string EmailRateLimited = "email_rate_limited";

    /// <summary>
    /// The store's database cannot be reached right now (restarting, failing over): 503 with <c>Retry-After</c>.
    /// Nothing was changed; send the same request again after that many seconds.
    /// </summary>
    public const string StoreUnavailable = "store_unavailable";
}
