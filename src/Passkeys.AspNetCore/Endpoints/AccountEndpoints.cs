using System.Buffers.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// The signed-in user's account and passkeys: <c>GET account</c>, <c>POST credentials/options</c>,
/// <c>POST credentials</c>, <c>GET credentials</c>, <c>PATCH</c> and <c>DELETE credentials/{id}</c>.
/// Each answers 401 problem details, never a redirect, when nobody is signed in or the session's security stamp is
/// no longer the user's (checked on every request); deleting a passkey ends the user's other sessions. Deleting a
/// passkey needs a recent passkey ceremony, adding one that or the recovery path of <see cref="PasskeyStepUp"/>
/// (401 <c>reauthentication_required</c> otherwise).
/// </summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/account", GetAccountAsync).WithName("PasskeysAccount");
        group.MapPost("/credentials/options", AddOptionsAsync).WithName("PasskeysAddCredentialOptions");
        group.MapPost("/credentials", AddAsync).WithName("PasskeysAddCredential").WithMetadata(VerifyEndpointMetadata.Instance);
        group.MapGet("/credentials", ListAsync).WithName("PasskeysCredentials");
        group.MapPatch("/credentials/{id}", RenameAsync).WithName("PasskeysRenameCredential");
        group.MapDelete("/credentials/{id}", DeleteAsync).WithName("PasskeysDeleteCredential");
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccountAsync(
        HttpContext context, PasskeySignIn signIn, IPasskeyCredentialStore credentials, IOptions<PasskeyOptions> passkeyOptions)
    {
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }


        var passkeys = await credentials.ListByUserAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new AccountResponse(user.Id, user.UserName, user.DisplayName, user.Email, user.CreatedAt, passkeys.Count,
            Base64Url.EncodeToString(user.UserHandle), passkeyOptions.Value.RelyingPartyId, user.Email is not null, user.PendingEmail));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> AddOptionsAsync(
        HttpContext context, PasskeyEngine engine, PasskeySignIn signIn, PasskeyStepUp stepUp, IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        if (await stepUp.RequireMayAddPasskeyAsync(context, user, verifyEndpoint: false).ConfigureAwait(false) is { } stale)
        {
            return stale;
        }

        if (await EndpointHelpers.ReadHintsAsync(context, options).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        var result = await engine.BeginAddCredentialAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "add-credential-options", result.Error, StatusCodes.Status401Unauthorized, verifyEndpoint: false, user.Id).ConfigureAwait(false);
        }

        await CeremonyCookie.SetAsync(context, options, PasskeyCeremonyKind.AddCredential, result.Value).ConfigureAwait(false);
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

        // Checked again here, before the ceremony cookie is taken: the window may have passed since the options, and
        // a session from an emailed link may have added its one passkey meanwhile. The browser can confirm it is the
        // user and send the same response again.
        if (await stepUp.RequireMayAddPasskeyAsync(context, user, verifyEndpoint: true).ConfigureAwait(false) is { } stale)
        {
            return stale;
        }

        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: false, verifyEndpoint: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Once more inside the gate, so adds sent together from a link session store one passkey between them.
        using var entered = await gate.EnterAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        if (await stepUp.RequireMayAddPasskeyAsync(context, user, verifyEndpoint: true).ConfigureAwait(false) is { } spent)
        {
            return spent;
        }

        var ceremonyId = CeremonyCookie.Take(context, options, PasskeyCeremonyKind.AddCredential);
        var result = await engine.CompleteAddCredentialAsync(ceremonyId, user.Id, text!, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "add-credential", result.Error, StatusCodes.Status400BadRequest, verifyEndpoint: true, user.Id).ConfigureAwait(false);
        }

        return await AddedAsync(context, options, result.Value, context.Request.Path).ConfigureAwait(false);
    }

    // A passkey was added (here or by the automatic upgrade): the event, the notice, and 201 with its location.
    internal static async Task<Created<CredentialAddedResponse>> AddedAsync(HttpContext context, PasskeyHttpOptions options, PasskeyRegistration added, PathString credentialsPath)
    {
        await options.Events.OnCredentialAdded(new PasskeyEventContext(context, added.User, added.Credential)).ConfigureAwait(false);
        await EmailNotices.PasskeyAddedAsync(context, added.Credential).ConfigureAwait(false);
        var body = CredentialResponse.From(added.Credential, context.RequestServices.GetRequiredService<IPasskeyProviderCatalog>());
        return TypedResults.Created($"{context.Request.PathBase}{credentialsPath}/{body.Id}", new CredentialAddedResponse(true, body));
    }

    private static async Task<Results<Ok<CredentialResponse[]>, ProblemHttpResult>> ListAsync(
        HttpContext context, PasskeySignIn signIn, IPasskeyCredentialStore credentials, IPasskeyProviderCatalog providers)
    {
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        var passkeys = await credentials.ListByUserAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(passkeys.Select(p => CredentialResponse.From(p, providers)).ToArray());
    }

    private static async Task<Results<Ok<CredentialResponse>, ProblemHttpResult>> RenameAsync(
        HttpContext context, string id, PasskeySignIn signIn, IPasskeyCredentialStore credentials, IPasskeyProviderCatalog providers, IOptions<PasskeyHttpOptions> httpOptions)
    {
        var options = httpOptions.Value;
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: false, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var document = JsonBody.ParseObject(text!);
        if (document is null || !JsonBody.TryGetOptionalString(document.RootElement, "name", out var name))
        {
            return Problems.Malformed("The body must be a JSON object {name} whose name is a string or null.");
        }

        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (name is not null && (name.Length > PasskeysDefaults.MaxCredentialNameLength || name.Any(char.IsControl)))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, PasskeyHttpErrorCodes.InvalidCredentialName,
                $"A passkey name is at most {PasskeysDefaults.MaxCredentialNameLength} characters without control characters.");
        }

        if (!EndpointHelpers.TryDecodeCredentialId(id, out var credentialId)
            || await credentials.RenameAsync(user.Id, credentialId, name, context.RequestAborted).ConfigureAwait(false) != PasskeyStoreResult.Success
            || await credentials.FindByIdAsync(credentialId, context.RequestAborted).ConfigureAwait(false) is not { } credential
            || !string.Equals(credential.UserId, user.Id, StringComparison.Ordinal))
        {
            return NotFound();
        }

        return TypedResults.Ok(CredentialResponse.From(credential, providers));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        HttpContext context,
        string id,
        PasskeySignIn signIn,
        PasskeyStepUp stepUp,
        PasskeyEngine engine,
        IPasskeyCredentialStore credentials,
        TimeProvider time,
        IOptions<PasskeyHttpOptions> httpOptions,
        ILogger<PasskeySignIn> logger)
    {
        var options = httpOptions.Value;
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        if (await stepUp.RequireRecentAsync(context, user, "delete-credential").ConfigureAwait(false) is { } stale)
        {
            return stale;
        }

        if (!EndpointHelpers.TryDecodeCredentialId(id, out var credentialId)
            || await credentials.FindByIdAsync(credentialId, context.RequestAborted).ConfigureAwait(false) is not { } credential
            || !string.Equals(credential.UserId, user.Id, StringComparison.Ordinal))
        {
            return NotFound();
        }

        // The refusal is decided before anything is written; then the other sessions end before the passkey goes, so
        // a failure in between leaves the passkey and ends the sessions, never the other way round.
        if (!options.AllowDeletingLastCredential
            && (await credentials.ListByUserAsync(user.Id, context.RequestAborted).ConfigureAwait(false)).Count <= 1)
        {
            return await LastCredentialAsync(context, options, user).ConfigureAwait(false);
        }

        if (!await signIn.EndOtherSessionsAsync(context, user).ConfigureAwait(false))
        {
            return Problems.NotAuthenticated();
        }

        switch (await credentials.DeleteAsync(user.Id, credentialId, options.AllowDeletingLastCredential, context.RequestAborted).ConfigureAwait(false))
        {
            case PasskeyStoreResult.Success:
                engine.ForgetCredential(credentialId);
                PasskeyHttpLog.CredentialDeleted(logger, user.Id);
                await options.Events.OnCredentialDeleted(new PasskeyEventContext(context, user, credential)).ConfigureAwait(false);
                await EmailNotices.PasskeyRemovedAsync(context, credential, time.GetUtcNow()).ConfigureAwait(false);
                return TypedResults.NoContent();
            case PasskeyStoreResult.LastCredential:
                return await LastCredentialAsync(context, options, user).ConfigureAwait(false);
            default:
                return NotFound();
        }
    }

    private static Task<ProblemHttpResult> LastCredentialAsync(HttpContext context, PasskeyHttpOptions options, PasskeyUser user)
        => EndpointHelpers.FailAsync(context, options, "delete-credential",
            new PasskeyError(PasskeyHttpErrorCodes.LastCredential, "This is your last passkey; add another before deleting it."),
            StatusCodes.Status409Conflict, verifyEndpoint: false, user.Id);

    private static ProblemHttpResult NotFound()
        => Problems.Create(StatusCodes.Status404NotFound, PasskeyHttpErrorCodes.CredentialNotFound, "You have no passkey with this id.");
}
