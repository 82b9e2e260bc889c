using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// <c>DELETE account</c>: the signed-in user deletes their account, with a recent passkey ceremony (401
/// <c>reauthentication_required</c> otherwise, which passkeys.js answers by confirming and sending it again).
/// </summary>
/// <remarks>
/// The effects come in an order that never leaves an account that is half deleted and can still be signed in to:
/// <list type="number">
/// <item>every session of the user ends: the security stamp is replaced, only if it is still the one this session
/// carries, so of two sessions deleting at once one goes on and the other is answered 401 <c>not_authenticated</c>
/// (a failure after this step leaves the whole account, with its passkeys, and only the sessions ended);</item>
/// <item>the user and all their passkeys are deleted in one store write (<see cref="IPasskeyUserStore.DeleteAsync"/>);
/// emailed sign-in links of the user stay stored until they expire, but redeeming one finds no user and fails like
/// an unknown link;</item>
/// <item>the engine forgets the passkeys' cached public keys, this browser is signed out and no longer remembers the
/// user, and <see cref="PasskeyEvents.OnAccountDeleted"/> is raised.</item>
/// </list>
/// A request of another session of the user is refused once the stamp is replaced (401 <c>not_authenticated</c>,
/// and its cookie is deleted); one that passed that check a moment before finds no user or passkey to change (404, or
/// the <c>user_not_found</c> error of the engine), never a 500.
/// </remarks>
internal static class AccountDeletionEndpoints
{
    public static void Map(RouteGroupBuilder group)
        => group.MapDelete("/account", DeleteAsync).WithName("PasskeysDeleteAccount");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        HttpContext context,
        PasskeySignIn signIn,
        PasskeyStepUp stepUp,
        PasskeyEngine engine,
        IPasskeyUserStore users,
        IPasskeyCredentialStore credentials,
        RememberedUserCookie remembered,
        IOptions<PasskeyHttpOptions> httpOptions,
        ILogger<PasskeySignIn> logger)
    {
        var options = httpOptions.Value;
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        if (await stepUp.RequireRecentAsync(context, user, "delete-account").ConfigureAwait(false) is { } stale)
        {
            return stale;
        }

        if (await EndpointHelpers.ReadNoneOrEmptyObjectAsync(context, options).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        var passkeys = await credentials.ListByUserAsync(user.Id, context.RequestAborted).ConfigureAwait(false);
        if (!await signIn.EndAllSessionsAsync(context, user).ConfigureAwait(false)
            || await users.DeleteAsync(user.Id, context.RequestAborted).ConfigureAwait(false) != PasskeyStoreResult.Success)
        {
            // Another session changed the stamp or deleted the account meanwhile: this one is signed out, nothing deleted here.
            return Problems.NotAuthenticated();
        }

        foreach (var passkey in passkeys)
        {
            engine.ForgetCredential(passkey.CredentialId);
        }

        remembered.Forget(context);
        PasskeyHttpLog.AccountDeleted(logger, user.Id, passkeys.Count);
        await options.Events.OnAccountDeleted(new PasskeyAccountDeletedContext(context, user, passkeys)).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
