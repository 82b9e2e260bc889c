using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Decides whether a session may make a sensitive change now ("step-up"): a passkey ceremony (a sign-in, or a
/// confirmation through <c>POST reauthenticate</c>) within <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/>,
/// read from the ticket's <c>amr</c> and <c>auth_time</c> and measured with the app's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Adding a passkey has one more way in, the recovery path: a session that began with an emailed link may add one
/// passkey within the window after the link. "One" is decided by the store, not by the ticket: the add is refused
/// once the user has a passkey created at or after the link sign-in, so a copy of the session cookie taken before the
/// first add cannot add a second. The link sign-in's time is kept in milliseconds (<c>auth_time</c> counts whole
/// seconds, and a sign-up in the second of the link would count as "added since"); a passkey created at the very
/// millisecond of the link counts as added since: the rule errs towards refusing.
/// </remarks>
internal sealed class PasskeyStepUp
{
    private readonly TimeProvider _time;
    private readonly PasskeyHttpOptions _options;
    private readonly IPasskeyCredentialStore _credentials;
    private readonly ILogger _logger;

    public PasskeyStepUp(TimeProvider time, IOptions<PasskeyHttpOptions> options, IPasskeyCredentialStore credentials, ILogger<PasskeyStepUp> logger)
    {
        _time = time;
        _options = options.Value;
        _credentials = credentials;
        _logger = logger;
    }

    /// <summary>Whether the principal's last passkey ceremony is within <paramref name="window"/> (the configured window when null).</summary>
    public bool IsRecent(ClaimsPrincipal principal, TimeSpan? window = null)
        => HasMethod(principal, PasskeySignIn.PasskeyMethod) && IsWithin(principal, window ?? _options.RecentAuthenticationWindow);

    /// <summary>
    /// Answers <see langword="null"/> when the signed-in session of <paramref name="user"/> has a recent passkey
    /// ceremony, or the 401 <c>reauthentication_required</c> problem to return.
    /// </summary>
    public async Task<ProblemHttpResult?> RequireRecentAsync(HttpContext context, PasskeyUser user, string action, TimeSpan? window = null, bool verifyEndpoint = false)
        => IsRecent(await PrincipalAsync(context).ConfigureAwait(false), window) ? null : Refuse(action, user, verifyEndpoint);

    /// <summary>
    /// Answers <see langword="null"/> when the session may add a passkey: a recent passkey ceremony, or a session that
    /// began with an emailed link within the window, while no passkey of the user was created since that link.
    /// </summary>
    public async Task<ProblemHttpResult?> RequireMayAddPasskeyAsync(HttpContext context, PasskeyUser user, bool verifyEndpoint)
    {
        var principal = await PrincipalAsync(context).ConfigureAwait(false);
        if (IsRecent(principal))
        {
            return null;
        }

        return await IsFreshLinkSessionAsync(context, principal, user).ConfigureAwait(false) ? null : Refuse("add-credential", user, verifyEndpoint);
    }

    /// <summary>
    /// Answers <see langword="null"/> when the session may add a passkey by conditional create, the automatic upgrade:
    /// only the recovery path's session (an emailed link within the window, no passkey created since), never a
    /// passkey session, which has a passkey on this device already. Otherwise the 403 <c>upgrade_not_offered</c>.
    /// </summary>
    public async Task<ProblemHttpResult?> RequireMayUpgradeAsync(HttpContext context, PasskeyUser user, bool verifyEndpoint)
    {
        var principal = await PrincipalAsync(context).ConfigureAwait(false);
        if (await IsFreshLinkSessionAsync(context, principal, user).ConfigureAwait(false))
        {
            return null;
        }

        PasskeySessionLog.UpgradeNotOffered(_logger, user.Id);
        return Problems.Create(StatusCodes.Status403Forbidden, PasskeyHttpErrorCodes.UpgradeNotOffered,
            "A passkey is added by conditional create only just after a sign-in with an emailed link.", verifyEndpoint);
    }

    private async Task<bool> IsFreshLinkSessionAsync(HttpContext context, ClaimsPrincipal principal, PasskeyUser user)
    {
        if (!HasMethod(principal, PasskeySignIn.EmailMethod) || !IsWithin(principal, _options.RecentAuthenticationWindow)
            || PasskeySignIn.LinkSignedInAt(principal) is not { } linkSignIn)
        {
            return false;
        }

        var passkeys = await _credentials.ListByUserAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        return !passkeys.Any(p => p.CreatedAt >= linkSignIn);
    }

    private ProblemHttpResult Refuse(string action, PasskeyUser user, bool verifyEndpoint)
    {
        PasskeySessionLog.ReauthenticationRequired(_logger, action, user.Id);
        return Problems.ReauthenticationRequired(verifyEndpoint);
    }

    // The same ticket GetUserAsync read: the authentication handler keeps its result for the request.
    private async Task<ClaimsPrincipal> PrincipalAsync(HttpContext context)
        => (await context.AuthenticateAsync(_options.SignInScheme).ConfigureAwait(false)).Principal ?? new ClaimsPrincipal();

    // A time in the future (a clock set back, a forged value) is not recent.
    private bool IsWithin(ClaimsPrincipal principal, TimeSpan window)
    {
        var now = _time.GetUtcNow();
        return PasskeySignIn.AuthenticatedAt(principal) is { } at && at <= now && now - at <= window;
    }

    private static bool HasMethod(ClaimsPrincipal principal, string method)
        => string.Equals(principal.FindFirstValue(PasskeySignIn.AmrClaimType), method, StringComparison.Ordinal);
}
