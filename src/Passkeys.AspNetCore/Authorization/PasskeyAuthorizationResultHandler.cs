using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Passkeys.AspNetCore.Endpoints;

namespace Passkeys.AspNetCore.Authorization;

/// <summary>
/// Answers a signed-in request refused only for want of a recent passkey: an API call gets the 401
/// <c>reauthentication_required</c> problem (which <c>passkeys.js</c> answers by confirming and retrying), a page
/// navigation a challenge (sign in again) instead of "access denied". Every other result is handled as ASP.NET Core does.
/// </summary>
/// <remarks>
/// <c>AddPasskeys()</c> registers it unless the app registered its own <see cref="IAuthorizationMiddlewareResultHandler"/>.
/// </remarks>
internal sealed class PasskeyAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden
            || authorizeResult.AuthorizationFailure is not { } failure
            || !failure.FailedRequirements.Any(r => r is PasskeyRecentAuthenticationRequirement)
            || failure.FailedRequirements.Any(r => r is not PasskeyRecentAuthenticationRequirement))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }

        if (IsPageNavigation(context.Request))
        {
            if (policy.AuthenticationSchemes.Count == 0)
            {
                await context.ChallengeAsync().ConfigureAwait(false);
            }

            foreach (var scheme in policy.AuthenticationSchemes)
            {
                await context.ChallengeAsync(scheme).ConfigureAwait(false);
            }

            return;
        }

        await Problems.ReauthenticationRequired().ExecuteAsync(context).ConfigureAwait(false);
    }

    // A browser asking for a page (GET or HEAD that accepts HTML); fetch() from passkeys.js asks for JSON.
    private static bool IsPageNavigation(HttpRequest request)
        => (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
