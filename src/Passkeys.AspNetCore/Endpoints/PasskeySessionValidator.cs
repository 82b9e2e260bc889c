using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Checks a sign-in cookie against the stored user once every
/// <see cref="PasskeyHttpOptions.SecurityStampValidationInterval"/>: a cookie whose user is gone or whose security
/// stamp was replaced is rejected and deleted; a current one is renewed, which starts the next interval.
/// </summary>
/// <remarks>
/// The interval is measured from the ticket's <see cref="AuthenticationProperties.IssuedUtc"/> by the app's
/// <see cref="TimeProvider"/>, so most requests cost no store read. The account endpoints check the stamp on every
/// request instead (<see cref="PasskeySignIn.GetUserAsync"/>). While the store cannot be reached
/// (<see cref="PasskeyStoreUnavailableException"/>) the check is put off to the next request.
/// </remarks>
internal sealed class PasskeySessionValidator
{
    private readonly IPasskeyUserStore _users;
    private readonly TimeProvider _time;
    private readonly PasskeyHttpOptions _options;
    private readonly ILogger _logger;

    public PasskeySessionValidator(IPasskeyUserStore users, TimeProvider time, IOptions<PasskeyHttpOptions> options, ILogger<PasskeySessionValidator> logger)
    {
        _users = users;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var issued = context.Properties.IssuedUtc;
        var now = _time.GetUtcNow();

        // A ticket without an issue time, or issued "in the future" (a clock set back), is checked now.
        if (issued is { } at && at <= now && now - at < _options.SecurityStampValidationInterval)
        {
            return;
        }

        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        PasskeyUser? user;
        try
        {
            user = string.IsNullOrEmpty(userId) ? null : await _users.FindByIdAsync(userId, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (PasskeyStoreUnavailableException)
        {
            // The store cannot tell now. Signing everyone out during a database restart would be worse than a check
            // put off: the ticket is neither renewed nor rejected, so the next request checks again, and the account
            // endpoints (which read the user on every request) answer 503 meanwhile.
            PasskeySessionLog.SessionCheckPutOff(_logger, userId!);
            return;
        }

        if (user is not null && PasskeySignIn.HasCurrentStamp(principal!, user))
        {
            context.ShouldRenew = true;
            return;
        }

        PasskeySessionLog.SessionRejected(_logger, userId ?? "(none)", user is null ? "user gone" : "security stamp replaced");
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
    }
}
