using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Step-up, "confirm it is you": <c>POST reauthenticate/options</c> and <c>POST reauthenticate</c>, a passkey
/// ceremony for the signed-in user only (their own passkeys; single use; its own ceremony cookie). Success issues the
/// session's ticket again with a fresh <c>auth_time</c> and <c>amr</c> <c>passkey</c>, and changes nothing else.
/// </summary>
internal static class ReauthenticationEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/reauthenticate/options", OptionsAsync).WithName("PasskeysReauthenticateOptions");
        group.MapPost("/reauthenticate", VerifyAsync).WithName("PasskeysReauthenticate").WithMetadata(VerifyEndpointMetadata.Instance);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> OptionsAsync(
        HttpContext context, PasskeyEngine engine, PasskeySignIn signIn, IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        if (await EndpointHelpers.ReadHintsAsync(context, options).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        var result = await engine.BeginReauthenticationAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var status = result.Error.Code == PasskeyErrorCodes.NoPasskeys ? StatusCodes.Status409Conflict : StatusCodes.Status401Unauthorized;
            return await EndpointHelpers.FailAsync(context, options, "reauthenticate-options", result.Error, status, verifyEndpoint: false, user.Id).ConfigureAwait(false);
        }

        await CeremonyCookie.SetAsync(context, options, PasskeyCeremonyKind.Reauthentication, result.Value).ConfigureAwait(false);
        return EndpointHelpers.Options(result.Value.OptionsJson);
    }

    private static async Task<Results<Ok<ReauthenticatedResponse>, ProblemHttpResult>> VerifyAsync(
        HttpContext context, PasskeyEngine engine, PasskeySignIn signIn, IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated(verifyEndpoint: true);
        }

        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: false, verifyEndpoint: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // A failed confirmation leaves the session as it was: still signed in, as (un)recent as before.
        var ceremonyId = CeremonyCookie.Take(context, options, PasskeyCeremonyKind.Reauthentication);
        var result = await engine.CompleteReauthenticationAsync(ceremonyId, user.Id, text!, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "reauthenticate", result.Error, StatusCodes.Status400BadRequest, verifyEndpoint: true, user.Id).ConfigureAwait(false);
        }

        await signIn.ReauthenticatedAsync(context, user).ConfigureAwait(false);
        return TypedResults.Ok(new ReauthenticatedResponse(true));
    }
}
