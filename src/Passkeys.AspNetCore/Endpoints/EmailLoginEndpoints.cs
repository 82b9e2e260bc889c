using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Email;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Sign-in by emailed link: <c>POST email-login</c> asks for a link, <c>POST email-login/peek</c> says whom a link is
/// for without spending it, and <c>POST email-login/confirm</c> spends it and signs the user in. The token travels
/// in bodies only, never in these endpoints' URLs, so request logs do not record it.
/// </summary>
/// <remarks>
/// Asking for a link answers 202 with no body, whether or not the address has an account, after the same work:
/// the body is checked, the limits are counted, the browser-binding cookie is set and the request is queued.
/// Looking up the address, issuing the link and sending the email happen afterwards in the background, so neither
/// the answer nor its timing says whether an account exists.
/// </remarks>
internal static class EmailLoginEndpoints
{
    private const int MaxUserNameLength = 256;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/email-login", RequestAsync).WithName("PasskeysEmailLogin");
        group.MapPost("/email-login/peek", PeekAsync).WithName("PasskeysEmailLoginPeek");
        group.MapPost("/email-login/confirm", ConfirmAsync).WithName("PasskeysEmailLoginConfirm").WithMetadata(VerifyEndpointMetadata.Instance);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RequestAsync(
        HttpContext context,
        [FromQuery] string? returnUrl,
        IEmailQueue queue,
        EmailLoginThrottle throttle,
        EmailLoginBindingCookie binding,
        IOptions<PasskeyHttpOptions> httpOptions,
        IOptions<PasskeyEmailLoginOptions> emailOptions,
        ILogger<EmailLoginQueue> logger)
    {
        var options = emailOptions.Value;
        var (text, problem) = await JsonBody.ReadAsync(context, httpOptions.Value.MaxRequestBodySize, allowEmpty: false, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var document = JsonBody.ParseObject(text!);
        if (document is null
            || !JsonBody.TryGetOptionalString(document.RootElement, "email", out var email)
            || !JsonBody.TryGetOptionalString(document.RootElement, "userName", out var userName))
        {
            return Problems.Malformed("The body must be a JSON object {email} (or {userName}) whose value is a string.");
        }

        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        userName = email is not null || string.IsNullOrWhiteSpace(userName) ? null : userName.Trim();
        if (email is null && userName is null)
        {
            return Problems.Malformed("The body must name an email address: {\"email\": \"...\"} (or a user name: {\"userName\": \"...\"}).");
        }

        if (email is not null && !Passkeys.Engine.RegistrationInput.IsValidEmail(email))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, PasskeyErrorCodes.InvalidEmail, "The email address is not valid.");
        }

        if (userName is not null && (userName.Length > MaxUserNameLength || userName.Any(char.IsControl)))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, PasskeyErrorCodes.InvalidUserName, "The user name is too long or has control characters.");
        }

        // The same limits for addresses with and without an account: a 429 says nothing about either.
        var client = ClientPartition.For(context.Connection.RemoteIpAddress, httpOptions.Value.RateLimitIPv6PrefixLength);
        // Names and emails are one namespace in their normalized form, so every spelling of one counts against it.
        var typed = email ?? userName!;
        var address = "a:" + (PasskeyNameNormalizer.TryNormalize(typed, out var normalized) ? normalized : typed.ToUpperInvariant());
        if (!throttle.TryAcquire("c:" + client, options.ClientPermitLimit, options.ClientWindow, out var retryAfter))
        {
            PasskeyEmailLog.RateLimited(logger, "per-client");
            return TooManyLinks(context, retryAfter);
        }

        if (!throttle.TryAcquire(address, options.AddressPermitLimit, options.AddressWindow, out retryAfter))
        {
            PasskeyEmailLog.RateLimited(logger, "per-address");
            return TooManyLinks(context, retryAfter);
        }

        var bindingHash = options.BindToBrowser ? binding.Renew(context) : null;
        // The request waits in its client's share of the queue: a flood from other clients cannot refuse it.
        var request = new EmailLinkRequest(client, email, userName, bindingHash, PasskeyReturnUrl.Normalize(returnUrl));
        switch (await queue.EnqueueAsync(request, context.RequestAborted).ConfigureAwait(false))
        {
            case PartitionedEnqueueResult.PartitionFull:
                PasskeyEmailLog.ClientShareFull(logger, EmailLoginQueue.PartitionCapacity);
                return TooManyLinks(context, TimeSpan.FromMinutes(1));
            case PartitionedEnqueueResult.Full:
                PasskeyEmailLog.QueueFull(logger, EmailLoginQueue.Capacity);
                return TooManyLinks(context, TimeSpan.FromMinutes(1));
        }

        EmailEndpointHelpers.NoStore(context);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Ok<EmailLinkUserResponse>, ProblemHttpResult>> PeekAsync(
        HttpContext context, PasskeyEmailLogin emailLogin, IOptions<PasskeyHttpOptions> httpOptions)
    {
        EmailEndpointHelpers.NoStore(context);
        var (token, problem) = await EmailEndpointHelpers.ReadTokenAsync(context, httpOptions.Value, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var result = await emailLogin.PeekAsync(context, token).ConfigureAwait(false);
        return result.Succeeded
            ? TypedResults.Ok(new EmailLinkUserResponse(result.Value.UserName, result.Value.DisplayName))
            : Problems.From(result.Error, StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<VerifiedResponse>, ProblemHttpResult>> ConfirmAsync(
        HttpContext context,
        [FromQuery] string? returnUrl,
        [FromQuery] string? next,
        PasskeyEmailLogin emailLogin,
        PasskeySignIn signIn,
        TimeProvider time,
        IOptions<PasskeyHttpOptions> httpOptions,
        IOptions<PasskeyEmailLoginOptions> emailOptions)
    {
        EmailEndpointHelpers.NoStore(context);
        var options = httpOptions.Value;
        var (token, problem) = await EmailEndpointHelpers.ReadTokenAsync(context, options, verifyEndpoint: true).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var result = await emailLogin.RedeemAsync(context, token).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return await EndpointHelpers.FailAsync(context, options, "email-login-confirm", result.Error, StatusCodes.Status400BadRequest, verifyEndpoint: true).ConfigureAwait(false);
        }

        // The binding cookie stays until it expires, so a second press of the button says token_invalid, not
        // token_wrong_browser.
        var user = result.Value;
        await signIn.SignInAsync(context, user, PasskeySignIn.EmailMethod).ConfigureAwait(false);
        await options.Events.OnEmailSignedIn(new PasskeyEmailSignInContext(context, user)).ConfigureAwait(false);
        await EmailNotices.SignedInByLinkAsync(context, user, time.GetUtcNow()).ConfigureAwait(false);
        return TypedResults.Ok(new VerifiedResponse(true, ReturnUrl.Choose(returnUrl, next, emailOptions.Value.SetupUrl)));
    }

    private static ProblemHttpResult TooManyLinks(HttpContext context, TimeSpan retryAfter)
        => EmailEndpointHelpers.TooMany(context, retryAfter, "Too many sign-in links were asked for. Check your inbox, or try again later.");
}
