using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Signs users in and out of the configured scheme, finds the signed-in user for the account endpoints (checking the
/// session's security stamp against the stored one on every call), ends a user's other sessions (or all of them), and records a
/// confirmation with a passkey. Each ticket carries the sign-in method (<c>amr</c>) and when the user last
/// authenticated (<c>auth_time</c>); re-issuing a ticket keeps both unless the user has just confirmed with a passkey.
/// </summary>
internal sealed class PasskeySignIn
{
    /// <summary>The <c>amr</c> claim type (RFC 8176).</summary>
    public const string AmrClaimType = "amr";

    /// <summary>The <c>email_verified</c> claim type (OpenID Connect Core 1.0, section 5.1), next to the email claim.</summary>
    public const string EmailVerifiedClaimType = "email_verified";

    /// <summary>The <c>amr</c> value of a passkey sign-in.</summary>
    public const string PasskeyMethod = "passkey";

    /// <summary>The <c>amr</c> value of a sign-in with an emailed link.</summary>
    public const string EmailMethod = "email";

    /// <summary>
    /// When a session from an emailed link signed in, in Unix milliseconds (finer than <c>auth_time</c>): the recovery
    /// path of <see cref="PasskeyStepUp"/> counts the passkeys created since.
    /// </summary>
    public const string LinkSignInClaimType = "passkeys:link_sign_in";

    private readonly PasskeyHttpOptions _options;
    private readonly IPasskeyUserStore _users;
    private readonly RememberedUserCookie _remembered;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PasskeySignIn(IOptions<PasskeyHttpOptions> options, IPasskeyUserStore users, RememberedUserCookie remembered, TimeProvider time, ILogger<PasskeySignIn> logger)
    {
        _options = options.Value;
        _users = users;
        _remembered = remembered;
        _time = time;
        _logger = logger;
    }

    public static ClaimsPrincipal CreatePrincipal(PasskeyUser user, string securityStamp, string scheme, string method, string authTime, string? linkSignIn = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName),
            new(AmrClaimType, method),
            new(PasskeysDefaults.AuthenticationTimeClaimType, authTime, ClaimValueTypes.Integer64),
            new(PasskeysDefaults.SecurityStampClaimType, securityStamp),
        };
        if (!string.IsNullOrEmpty(user.Email))
        {
            // Email holds only a verified address (a pending one never becomes a claim).
            claims.Add(new Claim(ClaimTypes.Email, user.Email));
            claims.Add(new Claim(EmailVerifiedClaimType, "true", ClaimValueTypes.Boolean));
        }

        if (linkSignIn is not null && method == EmailMethod)
        {
            claims.Add(new Claim(LinkSignInClaimType, linkSignIn, ClaimValueTypes.Integer64));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Whether the principal's session carries the user's stored security stamp (compared in constant time).</summary>
    public static bool HasCurrentStamp(ClaimsPrincipal principal, PasskeyUser user)
        => PasskeySecurityStamp.Matches(user.SecurityStamp, principal.FindFirstValue(PasskeysDefaults.SecurityStampClaimType));

    /// <summary>When the principal's user last authenticated (its <c>auth_time</c>), or <see langword="null"/> when it has none.</summary>
    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal principal)
        => long.TryParse(principal.FindFirstValue(PasskeysDefaults.AuthenticationTimeClaimType), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;

    /// <summary>When the principal's session signed in with an emailed link, or <see langword="null"/> for any other session.</summary>
    public static DateTimeOffset? LinkSignedInAt(ClaimsPrincipal principal)
        => long.TryParse(principal.FindFirstValue(LinkSignInClaimType), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : null;

    public async Task SignInAsync(HttpContext context, PasskeyUser user, string method)
    {
        var scheme = _options.SignInScheme;
        var now = _time.GetUtcNow();
        var principal = CreatePrincipal(user, user.SecurityStamp, scheme, method, Seconds(now), now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        await context.SignInAsync(scheme, principal).ConfigureAwait(false);
        _remembered.Remember(context, user.Id);
        PasskeyHttpLog.SignedIn(_logger, user.Id, scheme);
    }

    public Task SignOutAsync(HttpContext context) => context.SignOutAsync(_options.SignInScheme);

    /// <summary>
    /// Authenticates against the sign-in scheme explicitly, so no challenge (and no redirect) ever happens, and
    /// returns the user only when the session carries their current security stamp; a session whose user is gone or
    /// whose stamp was replaced is signed out here, whatever the validation interval of the cookie.
    /// </summary>
    public async Task<PasskeyUser?> GetUserAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(_options.SignInScheme).ConfigureAwait(false);
        var userId = result.Succeeded ? result.Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        var user = await _users.FindByIdAsync(userId, context.RequestAborted).ConfigureAwait(false);
        if (user is not null && HasCurrentStamp(result.Principal!, user))
        {
            return user;
        }

        PasskeySessionLog.SessionRejected(_logger, userId, user is null ? "user gone" : "security stamp replaced");
        await SignOutAsync(context).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Replaces the user's security stamp, which ends every other session of theirs, and gives this session a fresh
    /// ticket that carries the new one. The stamp is replaced only if it is still the one this session carries; if it
    /// is not (another session replaced it meanwhile), this session is signed out too and <see langword="false"/> is
    /// returned.
    /// </summary>
    /// <param name="context">The request of a session that <see cref="GetUserAsync"/> found current.</param>
    /// <param name="user">The user <see cref="GetUserAsync"/> returned.</param>
    public async Task<bool> EndOtherSessionsAsync(HttpContext context, PasskeyUser user)
    {
        if (await ReplaceStampAsync(context, user).ConfigureAwait(false) is not { } newStamp)
        {
            return false;
        }

        // The same sign-in method and authentication time as before: ending the other sessions is not a new sign-in.
        // A ticket without a time (issued before auth_time existed) keeps none, so it never counts as recent.
        var current = await context.AuthenticateAsync(_options.SignInScheme).ConfigureAwait(false);
        var method = current.Principal?.FindFirstValue(AmrClaimType) ?? PasskeyMethod;
        var authTime = current.Principal?.FindFirstValue(PasskeysDefaults.AuthenticationTimeClaimType) ?? "0";
        var linkSignIn = current.Principal?.FindFirstValue(LinkSignInClaimType);
        await ReissueAsync(context, current, user, newStamp, method, authTime, linkSignIn).ConfigureAwait(false);
        PasskeySessionLog.OtherSessionsEnded(_logger, user.Id);
        return true;
    }

    /// <summary>
    /// Replaces the user's security stamp, which ends every session of theirs, and signs this session out too. Like
    /// <see cref="EndOtherSessionsAsync"/>, the stamp is replaced only if it is still the one this session carries;
    /// if it is not (another session replaced it, or the user is gone), nothing is written and
    /// <see langword="false"/> is returned. Either way this session is signed out.
    /// </summary>
    /// <param name="context">The request of a session that <see cref="GetUserAsync"/> found current.</param>
    /// <param name="user">The user <see cref="GetUserAsync"/> returned.</param>
    public async Task<bool> EndAllSessionsAsync(HttpContext context, PasskeyUser user)
    {
        if (await ReplaceStampAsync(context, user).ConfigureAwait(false) is null)
        {
            return false;
        }

        await SignOutAsync(context).ConfigureAwait(false);
        PasskeySessionLog.AllSessionsEnded(_logger, user.Id);
        return true;
    }

    /// <summary>
    /// Records that the signed-in user has just confirmed it is them with a passkey: the session's ticket is issued
    /// again with a fresh <c>auth_time</c> and <c>amr</c> <c>passkey</c>, and nothing else changes (the same stamp, the
    /// same session properties; no other session ends).
    /// </summary>
    /// <param name="context">The request of a session that <see cref="GetUserAsync"/> found current.</param>
    /// <param name="user">The user <see cref="GetUserAsync"/> returned.</param>
    public async Task ReauthenticatedAsync(HttpContext context, PasskeyUser user)
    {
        var current = await context.AuthenticateAsync(_options.SignInScheme).ConfigureAwait(false);
        await ReissueAsync(context, current, user, user.SecurityStamp, PasskeyMethod, Seconds(_time.GetUtcNow()), linkSignIn: null).ConfigureAwait(false);
        PasskeySessionLog.Reauthenticated(_logger, user.Id);
    }

    // The new stamp, or null (and this session signed out) when the stored one is no longer the session's.
    private async Task<string?> ReplaceStampAsync(HttpContext context, PasskeyUser user)
    {
        var newStamp = PasskeySecurityStamp.Create();
        if (await _users.UpdateSecurityStampAsync(user.Id, user.SecurityStamp, newStamp, context.RequestAborted).ConfigureAwait(false))
        {
            return newStamp;
        }

        PasskeySessionLog.SessionRejected(_logger, user.Id, "security stamp replaced");
        await SignOutAsync(context).ConfigureAwait(false);
        return null;
    }

    private Task ReissueAsync(HttpContext context, AuthenticateResult current, PasskeyUser user, string stamp, string method, string authTime, string? linkSignIn)
    {
        var scheme = _options.SignInScheme;
        return context.SignInAsync(scheme, CreatePrincipal(user, stamp, scheme, method, authTime, linkSignIn), current.Properties);
    }

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
