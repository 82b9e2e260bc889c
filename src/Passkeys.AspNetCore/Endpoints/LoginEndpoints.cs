using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Sign-in, username-first or discoverable (also autofill): <c>POST login/options</c> and <c>POST login</c>.
/// An unknown user name gets options that look like a real user's; its verify step fails like any bad passkey.
/// </summary>
internal static class LoginEndpoints
{
    private const int MaxUserNameLength = 256;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/login/options", OptionsAsync).WithName("PasskeysLoginOptions");
        group.MapPost("/login", VerifyAsync).WithName("PasskeysLogin").WithMetadata(VerifyEndpointMetadata.Instance);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> OptionsAsync(
        HttpContext context, PasskeyEngine engine, IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: true, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var document = JsonBody.ParseObject(text!);
        if (document is null || !JsonBody.TryGetOptionalString(document.RootElement, "userName", out var userName))
        {
            return Problems.Malformed("The body must be a JSON object {userName?, hints?} whose userName is a string.");
        }

        if (RequestHints.Apply(context, document.RootElement) is { } invalidHints)
        {
            return invalidHints;
        }

        userName = userName?.Trim();
        if (userName?.Length > MaxUserNameLength || (userName is not null && userName.Any(char.IsControl)))
        {
            return await EndpointHelpers.FailAsync(context, options, "login-options",
                new PasskeyError(PasskeyErrorCodes.InvalidUserName, "The user name is too long or has control characters."),
                StatusCodes.Status400BadRequest, verifyEndpoint: false).ConfigureAwait(false);
        }

        var result = await engine.BeginAuthenticationAsync(string.IsNullOrEmpty(userName) ? null : userName, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "login-options", result.Error, StatusCodes.Status400BadRequest, verifyEndpoint: false).ConfigureAwait(false);
        }

        await CeremonyCookie.SetAsync(context, options, PasskeyCeremonyKind.Authentication, result.Value).ConfigureAwait(false);
        return EndpointHelpers.Options(result.Value.OptionsJson);
    }

    private static async Task<Results<Ok<VerifiedResponse>, ProblemHttpResult>> VerifyAsync(
        HttpContext context,
        [FromQuery] string? returnUrl,
        [FromQuery] string? next,
        PasskeyEngine engine,
        PasskeySignIn signIn,
        IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: false, verifyEndpoint: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var ceremonyId = CeremonyCookie.Take(context, options, PasskeyCeremonyKind.Authentication);
        var result = await engine.CompleteAuthenticationAsync(ceremonyId, text!, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "login", result.Error, StatusCodes.Status401Unauthorized, verifyEndpoint: true).ConfigureAwait(false);
        }

        var (user, credential, counterRegressed, backupEligibilityChanged) = result.Value;
        await signIn.SignInAsync(context, user, PasskeySignIn.PasskeyMethod).ConfigureAwait(false);
        await options.Events.OnSignedIn(new PasskeyEventContext(context, user, credential)
        {
            CounterRegressed = counterRegressed,
            BackupEligibilityChanged = backupEligibilityChanged,
        }).ConfigureAwait(false);
        return TypedResults.Ok(new VerifiedResponse(true, ReturnUrl.Choose(returnUrl, next, options.DefaultReturnUrl)));
    }
}
