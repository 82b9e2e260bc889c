namespace Passkeys.AspNetCore;

/// <summary>
/// Configures the passkey HTTP endpoints: sign-in, cookies, limits and events.
/// </summary>
/// <remarks>
/// Bound from the same configuration section as <see cref="PasskeyOptions"/> by
/// <c>AddPasskeys(IConfiguration)</c>, and validated at start-up.
/// </remarks>
public sealed class PasskeyHttpOptions
{
    /// <summary>
    /// Gets or sets the authentication scheme a verified user is signed in to.
    /// </summary>
    /// <remarks>
    /// Defaults to <see cref="PasskeysDefaults.AuthenticationScheme"/>, the cookie scheme <c>AddPasskeys()</c> adds.
    /// Name the app's own sign-in scheme (a cookie scheme, say) to sign in there instead.
    /// </remarks>
    public string SignInScheme { get; set; } = PasskeysDefaults.AuthenticationScheme;

    /// <summary>
    /// Gets or sets how long a sign-in session is trusted before its security stamp is checked against the stored
    /// user again.
    /// </summary>
    /// <remarks>
    /// Defaults to 5 minutes; 0 (every request) to 1 day are accepted. A session whose user is gone or whose stamp
    /// was replaced (a passkey deleted, "sign out other sessions", a new user name or email) is signed out at its
    /// first request after the interval. The account and passkey endpoints check the stamp on every request,
    /// whatever the interval. Applies to the cookie of <see cref="SignInScheme"/>.
    /// </remarks>
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how long after a passkey ceremony a session may make sensitive changes: delete a passkey, sign
    /// out other sessions, add a passkey, and the app's own endpoints and pages that require a recent passkey.
    /// </summary>
    /// <remarks>
    /// Defaults to 5 minutes; 30 seconds to 1 hour are accepted. Later, the change is refused with 401
    /// <c>reauthentication_required</c> until the user confirms it is them with a passkey
    /// (<c>POST /passkeys/reauthenticate</c>, which <c>passkeys.js</c> runs by itself). A session that began with an
    /// emailed link may add one passkey within this time after the link, and nothing else.
    /// </remarks>
    public TimeSpan RecentAuthenticationWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the local URL returned as <c>next</c> when the request names no safe <c>returnUrl</c>.
    /// </summary>
    /// <remarks>Defaults to <c>/</c>. It must be a local path such as <c>/profile</c>.</remarks>
    public string DefaultReturnUrl { get; set; } = "/";

    /// <summary>
    /// Gets or sets the name of the HttpOnly cookie that binds a ceremony in progress to the browser.
    /// </summary>
    /// <remarks>
    /// Defaults to <c>.Passkeys.Ceremony</c>, with the <c>__Host-</c> prefix on https; each kind of ceremony adds a suffix (<c>.reg</c>, <c>.add</c>,
    /// <c>.auth</c>, <c>.step</c>), so a sign-in running for autofill and a sign-up in the same browser never overwrite each other.
    /// The cookie lives as long as <see cref="PasskeyOptions.CeremonyTimeout"/>.
    /// </remarks>
    public string CeremonyCookieName { get; set; } = ".Passkeys.Ceremony";

    /// <summary>
    /// Gets or sets the name of the data-protected cookie that remembers the last user on this browser.
    /// </summary>
    /// <remarks>
    /// Defaults to <c>.Passkeys.User</c>. It is HttpOnly and SameSite=Strict; on https it is Secure and takes the
    /// <c>__Host-</c> prefix.
    /// </remarks>
    public string RememberedUserCookieName { get; set; } = ".Passkeys.User";

    /// <summary>
    /// Gets or sets how long a browser remembers the last user after a sign-up or sign-in.
    /// </summary>
    /// <remarks>Defaults to 30 days; 1 minute to 400 days are accepted. Signing out does not forget the user.</remarks>
    public TimeSpan RememberedUserLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets or sets the largest request body, in bytes, the endpoints accept.
    /// </summary>
    /// <remarks>Defaults to 64 KiB; larger bodies are refused with 413 before they are parsed.</remarks>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>
    /// Gets or sets a value indicating whether a user may delete their last passkey.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="false"/>: an account without a passkey could only be reached by email, so the
    /// last passkey is kept (409).
    /// </remarks>
    public bool AllowDeletingLastCredential { get; set; }

    /// <summary>
    /// Gets or sets how long a client is told to wait (the <c>Retry-After</c> header) when the store cannot reach its
    /// database and an endpoint answers 503 <c>store_unavailable</c>.
    /// </summary>
    /// <remarks>
    /// Defaults to 5 seconds, about what a database restart or failover takes; 1 second to 10 minutes are accepted,
    /// sent in whole seconds. A retrying execution strategy (EF Core's <c>EnableRetryOnFailure</c>) absorbs shorter
    /// outages before any client sees one.
    /// </remarks>
    public TimeSpan StoreUnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how many requests one client address may make to the endpoints in each
    /// <see cref="RateLimitWindow"/>.
    /// </summary>
    /// <remarks>
    /// Defaults to 30, partitioned by client address (IPv6 by <see cref="RateLimitIPv6PrefixLength"/>). The policy is named <see cref="PasskeysDefaults.RateLimiterPolicy"/>;
    /// <c>app.UseRateLimiter()</c> applies it, and the endpoints apply it themselves when the app does not.
    /// </remarks>
    public int RateLimitPermitLimit { get; set; } = 30;

    /// <summary>
    /// Gets or sets the window of the fixed-window rate limit.
    /// </summary>
    /// <remarks>Defaults to 1 minute.</remarks>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how many leading bits of an IPv6 client address name one client in the per-client limits.
    /// </summary>
    /// <remarks>
    /// Defaults to 64: a host is usually given a whole /64 and can pick a new address in it for every request, so
    /// the limits count the /64, not the address. 32 to 128 are accepted; use 56 or 48 when whole sites or homes
    /// should share a limit, 128 to count single addresses. IPv4 addresses (also IPv4-mapped IPv6 ones) count
    /// one by one. The same partition is used by the rate limit and by the per-client limit of sign-in links.
    /// </remarks>
    public int RateLimitIPv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// Gets or sets how many leading bits of an IPv6 client address name one client when a bounded ceremony store
    /// (<c>AddInMemoryCeremonies</c>) shares its room between clients.
    /// </summary>
    /// <remarks>
    /// Defaults to 48: a full store refuses new ceremonies only when no client holds more than a couple, and one
    /// network's /48 holds 65,536 /64s, enough to reach that alone; counted by /48, it is one client. The people of
    /// one /48 then share its part of the store, which matters only while the store is full. 32 to 128 are accepted;
    /// IPv4 addresses count one by one.
    /// </remarks>
    public int CeremonyShareIPv6PrefixLength { get; set; } = 48;

    /// <summary>
    /// Gets or sets the Android apps that may use this site's passkeys, served at <c>/.well-known/assetlinks.json</c>
    /// as Digital Asset Links with the <c>delegate_permission/common.get_login_creds</c> relation.
    /// </summary>
    /// <remarks>
    /// Empty by default, and then nothing is served. An app also needs its origin,
    /// <c>android:apk-key-hash:…</c>, in <see cref="PasskeyOptions.Origins"/>, so its responses verify.
    /// See <see href="https://developer.android.com/identity/sign-in/credential-manager#add-support-dal">Credential Manager: Digital Asset Links</see>.
    /// </remarks>
    public IList<PasskeyAndroidApp> AndroidApps { get; set; } = [];

    /// <summary>
    /// Gets or sets the Apple apps that may use this site's passkeys, as <c>TEAMID.bundle.id</c>, served at
    /// <c>/.well-known/apple-app-site-association</c> under <c>webcredentials.apps</c>.
    /// </summary>
    /// <remarks>
    /// Empty by default, and then nothing is served. Each is a 10-character team id, a dot and a bundle id.
    /// See <see href="https://developer.apple.com/documentation/xcode/supporting-associated-domains">Supporting associated domains</see>.
    /// </remarks>
    public IList<string> AppleAppIds { get; set; } = [];

    /// <summary>
    /// Gets or sets the absolute URL of the page where a signed-in user creates a passkey, served as <c>enroll</c>
    /// at <c>/.well-known/passkey-endpoints</c>.
    /// </summary>
    /// <remarks>
    /// Empty by default. When this or <see cref="PasskeyManageUrl"/> is set, the document is served with the ones
    /// that are set. An https URL (http only on localhost). See
    /// <see href="https://www.w3.org/TR/passkey-endpoints/">A Well-Known URL for Relying Party Passkey Endpoints</see>.
    /// </remarks>
    public string? PasskeyEnrollUrl { get; set; }

    /// <summary>
    /// Gets or sets the absolute URL of the page where a signed-in user manages their passkeys, served as
    /// <c>manage</c> at <c>/.well-known/passkey-endpoints</c>.
    /// </summary>
    /// <remarks>Empty by default. An https URL (http only on localhost); see <see cref="PasskeyEnrollUrl"/>.</remarks>
    public string? PasskeyManageUrl { get; set; }

    /// <summary>
    /// Gets or sets the events the app can handle to audit sign-ups, sign-ins and passkey changes.
    /// </summary>
    public PasskeyEvents Events { get; set; } = new();
}
