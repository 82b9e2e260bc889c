namespace Passkeys.AspNetCore;

/// <summary>
/// Configures sign-in by emailed link, the new-passkey notice, and how email is delivered.
/// </summary>
/// <remarks>
/// Bound from the section given to <c>AddEmailLogin(IConfiguration)</c>, usually <c>Email</c>
/// (<c>Email:From</c>, <c>Email:Smtp:Host</c>, <c>Email:PickupDirectory</c>, ...), and validated at start-up.
/// </remarks>
public sealed class PasskeyEmailLoginOptions
{
    /// <summary>
    /// Gets or sets the sender of every email, such as <c>Example &lt;no-reply@example.com&gt;</c>.
    /// </summary>
    /// <remarks>Required; there is no default.</remarks>
    public string From { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the public origin sign-in links point to, such as <c>https://example.com</c>.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="null"/>: the first of <see cref="PasskeyOptions.Origins"/>. The request's Host header
    /// is never used, because an attacker chooses it.
    /// </remarks>
    public string? PublicOrigin { get; set; }

    /// <summary>
    /// Gets or sets the path of the app's page that confirms a sign-in link; the link adds <c>#token=…</c>
    /// (or <c>?token=…</c>, see <see cref="TokenInQuery"/>) and <c>returnUrl=…</c> when one was given.
    /// </summary>
    /// <remarks>
    /// Defaults to <c>/email-login/confirm</c>. The page shows who the link is for (<c>POST /passkeys/email-login/peek</c>
    /// or <see cref="PasskeyEmailLogin.PeekAsync"/>) and spends it only when the person presses its button
    /// (<c>POST /passkeys/email-login/confirm</c>), so mail scanners that open links do not use them up.
    /// </remarks>
    public string ConfirmPath { get; set; } = "/email-login/confirm";

    /// <summary>
    /// Gets or sets the path of the app's page that verifies an email address; the link adds <c>#token=…</c> (or
    /// <c>?token=…</c>, see <see cref="TokenInQuery"/>).
    /// </summary>
    /// <remarks>
    /// Defaults to <c>/email/verify</c>. The page shows the address and the account it is for
    /// (<c>POST /passkeys/email/verify/peek</c>) and verifies it only when the person presses its button
    /// (<c>POST /passkeys/email/verify</c>), so mail scanners that open links do not verify anything.
    /// </remarks>
    public string VerifyPath { get; set; } = "/email/verify";

    /// <summary>
    /// Gets or sets how long an email verification link works; 10 minutes to 7 days. Defaults to one day: the link
    /// only proves the mailbox, so it may wait longer in it than a sign-in link.
    /// </summary>
    public TimeSpan VerificationLinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Gets or sets a value indicating whether the link carries the token in its query (<c>?token=</c>) rather than
    /// its fragment (<c>#token=</c>).
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="false"/>: the fragment never reaches a server, so the token is not written to request
    /// logs (ASP.NET Core logs each request's URL at Information), proxies or <c>Referer</c> headers, and a mail scanner
    /// that fetches the link gets the page without it; the page reads it with script (<c>readEmailLink()</c> in
    /// passkeys.js). Turn it on for a page that renders the name on the server with <see cref="PasskeyEmailLogin.PeekAsync"/>,
    /// and then keep <c>Microsoft.AspNetCore.Hosting.Diagnostics</c> at Warning in production logging.
    /// </remarks>
    public bool TokenInQuery { get; set; }

    /// <summary>
    /// Gets or sets the local URL returned as <c>next</c> after a sign-in by link when the request names no safe
    /// <c>returnUrl</c>: the page that offers to set up a passkey on this device.
    /// </summary>
    /// <remarks>Defaults to <c>/passkeys?setup=1</c>. It must be a local URL.</remarks>
    public string SetupUrl { get; set; } = "/passkeys?setup=1";

    /// <summary>
    /// Gets or sets how long a sign-in link works.
    /// </summary>
    /// <remarks>Defaults to 10 minutes; 1 to 60 minutes are accepted. A link works once.</remarks>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets a value indicating whether a link works only in the browser that asked for it.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="true"/>: asking for a link sets a data-protected, HttpOnly cookie
    /// (<see cref="BindingCookieName"/>), and a link opened without it fails with <c>token_wrong_browser</c>.
    /// Turn it off only when people must be able to open links on another device.
    /// </remarks>
    public bool BindToBrowser { get; set; } = true;

    /// <summary>
    /// Gets or sets the name of the cookie that binds sign-in links to the browser that asked for them.
    /// </summary>
    /// <remarks>
    /// Defaults to <c>.Passkeys.EmailLogin</c>, with the <c>__Host-</c> prefix (and Secure) on https. It is HttpOnly and SameSite=Lax so that it is sent
    /// when the link is opened from a webmail page; it lives as long as <see cref="LinkLifetime"/>.
    /// </remarks>
    public string BindingCookieName { get; set; } = ".Passkeys.EmailLogin";

    /// <summary>
    /// Gets or sets how many links may be asked for one email address or user name in each <see cref="AddressWindow"/>.
    /// </summary>
    /// <remarks>
    /// Defaults to 3. The limit counts addresses with and without an account alike, so a 429 says nothing about
    /// whether an account exists. It also limits the notices one account gets (<see cref="SendNotices"/>).
    /// Counted per app node.
    /// </remarks>
    public int AddressPermitLimit { get; set; } = 3;

    /// <summary>
    /// Gets or sets the window of the per-address limit.
    /// </summary>
    /// <remarks>Defaults to 15 minutes.</remarks>
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets how many links one client address may ask for in each <see cref="ClientWindow"/>, whatever the
    /// email addresses.
    /// </summary>
    /// <remarks>
    /// Defaults to 10. This is on top of the endpoints' own rate limit (<see cref="PasskeyHttpOptions.RateLimitPermitLimit"/>).
    /// Counted per app node.
    /// </remarks>
    public int ClientPermitLimit { get; set; } = 10;

    /// <summary>
    /// Gets or sets the window of the per-client limit.
    /// </summary>
    /// <remarks>Defaults to 15 minutes.</remarks>
    public TimeSpan ClientWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets a value indicating whether the account's verified address is told when a passkey is added to the
    /// account or removed from it, and when someone signs in to it with an emailed link.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="true"/>. Each notice says what happened, when, and what to do if it was not the
    /// owner; a passkey is named by its provider when its AAGUID is known. One account gets at most
    /// <see cref="AddressPermitLimit"/> of them per <see cref="AddressWindow"/>; further changes happen without one
    /// (and are logged), so nobody can flood an address through an account that names it. The notice that the
    /// address itself changed always goes to the old address.
    /// </remarks>
    public bool SendNotices { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether sign-in links are also written to the log, in the Development
    /// environment only, so a sample can be tried without a mail server.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="false"/>. Outside Development it has no effect (a warning says so at start-up):
    /// a link in a log is a way into the account.
    /// </remarks>
    public bool LogLinksInDevelopment { get; set; }

    /// <summary>
    /// Gets or sets a folder that emails are written to as <c>.eml</c> files instead of being sent.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="null"/>. Set either this or <see cref="PasskeySmtpOptions.Host"/> of <see cref="Smtp"/>,
    /// unless the app registers its own <see cref="Email.IPasskeyEmailSender"/>.
    /// </remarks>
    public string? PickupDirectory { get; set; }

    /// <summary>
    /// Gets or sets the SMTP server emails are sent through.
    /// </summary>
    /// <remarks>Used when <see cref="PasskeySmtpOptions.Host"/> is set.</remarks>
    public PasskeySmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Gets or sets how emails wait in the database when the app registers an outbox store.
    /// </summary>
    /// <remarks>Used when an <see cref="Passkeys.Stores.IPasskeyEmailOutboxStore"/> is registered and <see cref="PasskeyEmailOutboxOptions.Enabled"/> is on.</remarks>
    public PasskeyEmailOutboxOptions Outbox { get; set; } = new();
}
