using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// The automatic passkey upgrade, right after a sign-in with an emailed link: <c>POST credentials/upgrade/options</c>
/// issues options for <c>navigator.credentials.create({ mediation: "conditional" })</c> and
/// <c>POST credentials/upgrade</c> adds the passkey the password manager created, without user presence. Only the
/// session of a fresh link sign-in that has added no passkey since may (403 <c>upgrade_not_offered</c> otherwise).
/// </summary>
internal static class UpgradeEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/credentials/upgrade/options", OptionsAsync).WithName("PasskeysUpgradeOptions");
        group.MapPost("/credentials/upgrade", AddAsync).WithName("PasskeysUpgrade").WithMetadata(VerifyEndpointMetadata.Instance);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> OptionsAsync(
        HttpContext context, PasskeyEngine engine, PasskeySignIn signIn, PasskeyStepUp stepUp, IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        if (await stepUp.RequireMayUpgradeAsync(context, user, verifyEndpoint: false).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (await EndpointHelpers.ReadEmptyObjectAsync(context, options).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        var result = await engine.BeginConditionalAddCredentialAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "upgrade-options", result.Error, StatusCodes.Status401Unauthorized, verifyEndpoint: false, user.Id).ConfigureAwait(false);
        }

        await CeremonyCookie.SetAsync(context, options, PasskeyCeremonyKind.ConditionalAddCredential, result.Value).ConfigureAwait(false);
        return EndpointHelpers.Options(result.Value.OptionsJson);
    }

    private static async Task<Results<Created<CredentialAddedResponse>, ProblemHttpResult>> AddAsync(
        HttpContext context, PasskeyEngine engine, PasskeySignIn signIn, PasskeyStepUp stepUp, PasskeyAddGate gate, IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated(verifyEndpoint: true);
        }

        // Again here: the window may have passed, or the session may have added its one passkey meanwhile.
        if (await stepUp.RequireMayUpgradeAsync(context, user, verifyEndpoint: true).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: false, verifyEndpoint: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Once more inside the gate, so upgrades sent together store one passkey between them.
        using var entered = await gate.EnterAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        if (await stepUp.RequireMayUpgradeAsync(context, user, verifyEndpoint: true).ConfigureAwait(false) is { } spent)
        {
            return spent;
        }

        var ceremonyId = CeremonyCookie.Take(context, options, PasskeyCeremonyKind.ConditionalAddCredential);
        var result = await engine.CompleteConditionalAddCredentialAsync(ceremonyId, user.Id, text!, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "upgrade", result.Error, StatusCodes.Status400BadRequest, verifyEndpoint: true, user.Id).ConfigureAwait(false);
        }

        // The new passkey's place is beside the others: credentials/{id}, not credentials/upgrade/{id}.
        var credentialsPath = context.Request.Path.Value![..^"/upgrade".Length];
        return await AccountEndpoints.AddedAsync(context, options, result.Value, credentialsPath).ConfigureAwait(false);
    }
}
