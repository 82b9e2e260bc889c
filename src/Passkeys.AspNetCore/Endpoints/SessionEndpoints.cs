using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// The session and the remembered user: <c>POST logout</c> (the browser still remembers the user),
/// <c>POST logout-others</c> (every other session of the user ends; this one stays signed in; it needs a recent passkey
/// ceremony),
/// <c>GET remembered</c> and <c>DELETE remembered</c> ("switch user").
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/logout", LogoutAsync).WithName("PasskeysLogout");
        group.MapPost("/logout-others", LogoutOthersAsync).WithName("PasskeysLogoutOthers");
        group.MapGet("/remembered", GetRememberedAsync).WithName("PasskeysRemembered");
        group.MapDelete("/remembered", Forget).WithName("PasskeysForgetRemembered");
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context, PasskeySignIn signIn)
    {
        await signIn.SignOutAsync(context).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LogoutOthersAsync(HttpContext context, PasskeySignIn signIn, PasskeyStepUp stepUp)
    {
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        if (await stepUp.RequireRecentAsync(context, user, "logout-others").ConfigureAwait(false) is { } stale)
        {
            return stale;
        }

        return await signIn.EndOtherSessionsAsync(context, user).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.NotAuthenticated();
    }

    private static async Task<Results<Ok<RememberedUserResponse>, NoContent>> GetRememberedAsync(
        HttpContext context, RememberedUserCookie remembered, IPasskeyUserStore users)
    {
        if (remembered.GetUserId(context) is { } userId
            && await users.FindByIdAsync(userId, context.RequestAborted).ConfigureAwait(false) is { } user)
        {
            return TypedResults.Ok(new RememberedUserResponse(user.UserName, user.DisplayName));
        }

        if (context.Request.Cookies.ContainsKey(remembered.CookieName(context)))
        {
            remembered.Forget(context);
        }

        return TypedResults.NoContent();
    }

    private static NoContent Forget(HttpContext context, RememberedUserCookie remembered)
    {
        remembered.Forget(context);
        return TypedResults.NoContent();
    }
}
