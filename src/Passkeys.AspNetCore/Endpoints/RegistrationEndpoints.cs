using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Passkey-first sign-up: <c>POST register/options</c> checks the input and issues creation options;
/// <c>POST register</c> verifies the new passkey, creates the account, signs the user in and remembers them.
/// </summary>
internal static class RegistrationEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/register/options", OptionsAsync).WithName("PasskeysRegisterOptions");
        group.MapPost("/register", VerifyAsync).WithName("PasskeysRegister").WithMetadata(VerifyEndpointMetadata.Instance);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> OptionsAsync(
        HttpContext context, PasskeyEngine engine, IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: false, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var document = JsonBody.ParseObject(text!);
        if (document is null)
        {
            return Problems.Malformed("The body must be a JSON object {userName, displayName?, email?, hints?}.");
        }

        var root = document.RootElement;
        if (!JsonBody.TryGetOptionalString(root, "userName", out var userName)
            || !JsonBody.TryGetOptionalString(root, "displayName", out var displayName)
            || !JsonBody.TryGetOptionalString(root, "email", out var email))
        {
            return Problems.Malformed("userName, displayName and email must be strings.");
        }

        if (RequestHints.Apply(context, root) is { } invalidHints)
        {
            return invalidHints;
        }

        var result = await engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName ?? string.Empty, displayName, email), context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var status = result.Error.Code is PasskeyErrorCodes.UserExists or PasskeyErrorCodes.EmailExists
                ? StatusCodes.Status409Conflict
                : StatusCodes.Status400BadRequest;
            return await EndpointHelpers.FailAsync(context, options, "register-options", result.Error, status, verifyEndpoint: false).ConfigureAwait(false);
        }

        await CeremonyCookie.SetAsync(context, options, PasskeyCeremonyKind.Registration, result.Value).ConfigureAwait(false);
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

        var ceremonyId = CeremonyCookie.Take(context, options, PasskeyCeremonyKind.Registration);
        var result = await engine.CompleteRegistrationAsync(ceremonyId, text!, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "register", result.Error, StatusCodes.Status400BadRequest, verifyEndpoint: true).ConfigureAwait(false);
        }

        var (user, credential) = result.Value;
        await signIn.SignInAsync(context, user, PasskeySignIn.PasskeyMethod).ConfigureAwait(false);
        var eventContext = new PasskeyEventContext(context, user, credential);
        await options.Events.OnUserCreated(eventContext).ConfigureAwait(false);
        await options.Events.OnSignedIn(eventContext).ConfigureAwait(false);

        // The address given is unverified until its owner follows the link; a limit that refuses it leaves the
        // profile's "send again".
        _ = await EmailNotices.VerificationRequestedAsync(context, user).ConfigureAwait(false);
        return TypedResults.Ok(new VerifiedResponse(true, ReturnUrl.Choose(returnUrl, next, options.DefaultReturnUrl)));
    }
}
