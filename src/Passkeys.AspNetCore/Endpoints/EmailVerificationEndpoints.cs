using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Email;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Verified email: <c>POST email</c> gives the signed-in account a new address to verify (with a recent passkey),
/// <c>POST email/verify/resend</c> sends its link again, <c>POST email/verify/peek</c> says which address and account a
/// link is for, and <c>POST email/verify</c> spends the link and makes the address the account's email.
/// </summary>
/// <remarks>
/// An address is the account's <see cref="PasskeyUser.Email"/> only once verified; until then it is its
/// <see cref="PasskeyUser.PendingEmail"/>, which reserves nothing and receives only the verification link. The token
/// travels in bodies only. Verifying needs no session: the link proves the mailbox, wherever it is opened.
/// </remarks>
internal static class EmailVerificationEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/email", ChangeAsync).WithName("PasskeysChangeEmail");
        group.MapPost("/email/verify/resend", ResendAsync).WithName("PasskeysResendEmailVerification");
        group.MapPost("/email/verify/peek", PeekAsync).WithName("PasskeysEmailVerificationPeek");
        group.MapPost("/email/verify", VerifyAsync).WithName("PasskeysVerifyEmail");
    }

    private static async Task<Results<Ok<EmailStateResponse>, Accepted<EmailStateResponse>, ProblemHttpResult>> ChangeAsync(
        HttpContext context, PasskeySignIn signIn, PasskeyStepUp stepUp, IPasskeyUserStore users, IOptions<PasskeyHttpOptions> httpOptions)
    {
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        if (await stepUp.RequireRecentAsync(context, user, "change-email").ConfigureAwait(false) is { } stale)
        {
            return stale;
        }

        var (text, problem) = await JsonBody.ReadAsync(context, httpOptions.Value.MaxRequestBodySize, allowEmpty: false, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var document = JsonBody.ParseObject(text!);
        if (document is null || !JsonBody.TryGetOptionalString(document.RootElement, "email", out var email))
        {
            return Problems.Malformed("The body must be a JSON object {email} whose value is a string, or null to stop a change.");
        }

        // The rules of sign-up: a shape the form accepts, a comparable form, no mix of look-alike alphabets.
        if (!string.IsNullOrWhiteSpace(email))
        {
            if (!Passkeys.Engine.RegistrationInput.TryPrepareEmail(email, out var prepared))
            {
                return Problems.Create(StatusCodes.Status400BadRequest, PasskeyErrorCodes.InvalidEmail, "The email address is not valid.");
            }

            email = prepared;
        }
        else
        {
            email = null;
        }

        // The verified address stays until the new one is verified; naming the current one again stops a change.
        // The limits are counted before anything is saved, so a refused change changes nothing.
        var pending = email is null || EmailAddresses.Same(email, user.Email) ? null : email;
        if (pending is not null && EmailNotices.CountVerification(context, user.Id, pending) is { } limited)
        {
            return TooManyVerifications(context, limited);
        }

        user.PendingEmail = pending;
        if (await users.UpdateAsync(user, context.RequestAborted).ConfigureAwait(false) != PasskeyStoreResult.Success)
        {
            return Problems.NotAuthenticated();
        }

        var state = new EmailStateResponse(user.Email, user.PendingEmail);
        if (pending is null)
        {
            return TypedResults.Ok(state);
        }

        // Saved; when the queue is full, the person can send the link again later.
        return await EmailNotices.QueueVerificationAsync(context, user).ConfigureAwait(false) is { } retryAfter
            ? TooManyVerifications(context, retryAfter)
            : TypedResults.Accepted((string?)null, state);
    }

    private static async Task<Results<Accepted<EmailStateResponse>, ProblemHttpResult>> ResendAsync(
        HttpContext context, PasskeySignIn signIn, IOptions<PasskeyHttpOptions> httpOptions)
    {
        if (await signIn.GetUserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        if (await EndpointHelpers.ReadEmptyObjectAsync(context, httpOptions.Value).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        if (user.PendingEmail is null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, PasskeyHttpErrorCodes.NoPendingEmail, "There is no address waiting for verification.");
        }

        return await EmailNotices.VerificationRequestedAsync(context, user).ConfigureAwait(false) is { } retryAfter
            ? TooManyVerifications(context, retryAfter)
            : TypedResults.Accepted((string?)null, new EmailStateResponse(user.Email, user.PendingEmail));
    }

    private static async Task<Results<Ok<EmailVerificationResponse>, ProblemHttpResult>> PeekAsync(
        HttpContext context, EmailAddressVerification verification, IOptions<PasskeyHttpOptions> httpOptions)
    {
        EmailEndpointHelpers.NoStore(context);
        var (token, problem) = await EmailEndpointHelpers.ReadTokenAsync(context, httpOptions.Value, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var result = await verification.PeekAsync(token, context.RequestAborted).ConfigureAwait(false);
        return result.Succeeded
            ? TypedResults.Ok(new EmailVerificationResponse(result.Value.Email, result.Value.User.UserName))
            : Problems.From(result.Error, StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<EmailStateResponse>, ProblemHttpResult>> VerifyAsync(
        HttpContext context, EmailAddressVerification verification, IOptions<PasskeyHttpOptions> httpOptions)
    {
        EmailEndpointHelpers.NoStore(context);
        var (token, problem) = await EmailEndpointHelpers.ReadTokenAsync(context, httpOptions.Value, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var result = await verification.VerifyAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var status = result.Error.Code == PasskeyErrorCodes.EmailExists ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Problems.From(result.Error, status);
        }

        var (user, email, previous) = result.Value;
        if (previous is not null && !EmailAddresses.Same(previous, email))
        {
            await EmailNotices.AddressChangedAsync(context, user, previous).ConfigureAwait(false);
        }

        await httpOptions.Value.Events.OnEmailVerified(new PasskeyEmailVerifiedContext(context, user, previous)).ConfigureAwait(false);
        return TypedResults.Ok(new EmailStateResponse(user.Email, user.PendingEmail));
    }

    private static ProblemHttpResult TooManyVerifications(HttpContext context, TimeSpan retryAfter)
        => EmailEndpointHelpers.TooMany(context, retryAfter, "Too many verification emails were asked for. Check your inbox, or try again later.");
}
