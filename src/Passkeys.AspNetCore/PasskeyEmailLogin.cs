using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Passkeys.AspNetCore.Email;
using Passkeys.Stores;

namespace Passkeys.AspNetCore;

/// <summary>
/// Reads emailed sign-in links for the app's confirm page: who a link is for, without using it up.
/// </summary>
/// <remarks>
/// A confirm page that renders on the server (with <see cref="PasskeyEmailLoginOptions.TokenInQuery"/>) calls
/// <see cref="PeekAsync"/> on GET to show "Sign in as {name}?" and a button; a page that reads the token from the
/// link's fragment calls <c>POST /passkeys/email-login/peek</c> instead, which runs the same check. The button posts
/// the token to <c>POST /passkeys/email-login/confirm</c>, which spends it. Mail scanners that fetch links
/// therefore never use them up. Registered by <c>AddEmailLogin()</c>.
/// </remarks>
public sealed class PasskeyEmailLogin
{
    private const string InvalidMessage = "This sign-in link is not valid: it has expired, was already used, or was copied wrongly.";

    private const string WrongBrowserMessage = "Open this sign-in link in the browser you asked for it from.";

    private readonly EmailLinkTokens _tokens;
    private readonly EmailLoginBindingCookie _binding;
    private readonly IPasskeyUserStore _users;
    private readonly IPasskeyLoginTokenStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal PasskeyEmailLogin(
        EmailLinkTokens tokens,
        EmailLoginBindingCookie binding,
        IPasskeyUserStore users,
        IPasskeyLoginTokenStore store,
        TimeProvider time,
        ILogger<PasskeyEmailLogin> logger)
    {
        _tokens = tokens;
        _binding = binding;
        _users = users;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Finds the user a sign-in link is for, checking that it has not expired and that this is the browser that asked
    /// for it, without spending it.
    /// </summary>
    /// <param name="context">The request, whose cookies show which browser this is.</param>
    /// <param name="token">The <c>token</c> from the link.</param>
    /// <returns>
    /// The user; or a failure with <see cref="PasskeyHttpErrorCodes.TokenInvalid"/> (unknown, expired or altered) or
    /// <see cref="PasskeyHttpErrorCodes.TokenWrongBrowser"/>. A link that was already used may still be shown; spending
    /// it then fails with <see cref="PasskeyHttpErrorCodes.TokenInvalid"/>.
    /// </returns>
    public async Task<PasskeyResult<PasskeyUser>> PeekAsync(HttpContext context, string? token)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Check(context, token, out var info) is { } error)
        {
            return PasskeyResult<PasskeyUser>.Failure(error);
        }

        // A used link must not still name its user: look in the store, without spending the token.
        var record = await _store.FindAsync(info.Hash, context.RequestAborted).ConfigureAwait(false);
        if (record is null || !string.Equals(record.UserId, info.UserId, StringComparison.Ordinal))
        {
            return Invalid();
        }

        var user = await _users.FindByIdAsync(info.UserId, context.RequestAborted).ConfigureAwait(false);
        return user is null ? Invalid() : PasskeyResult<PasskeyUser>.Success(user);
    }

    /// <summary>Checks the link like <see cref="PeekAsync"/>, then takes it from the store: it works once.</summary>
    internal async Task<PasskeyResult<PasskeyUser>> RedeemAsync(HttpContext context, string? token)
    {
        // Refused before the take, so opening a link in the wrong browser does not use it up.
        if (Check(context, token, out var info) is { } error)
        {
            return PasskeyResult<PasskeyUser>.Failure(error);
        }

        var record = await _store.TakeAsync(info.Hash, context.RequestAborted).ConfigureAwait(false);
        if (record is null || record.ExpiresAt <= _time.GetUtcNow() || !string.Equals(record.UserId, info.UserId, StringComparison.Ordinal))
        {
            return Invalid();
        }

        if (record.BrowserBindingHash is not null
            && (_binding.GetHash(context) is not { } browser || !CryptographicOperations.FixedTimeEquals(browser, record.BrowserBindingHash)))
        {
            return WrongBrowser();
        }

        var user = await _users.FindByIdAsync(record.UserId, context.RequestAborted).ConfigureAwait(false);
        return user is null ? Invalid() : PasskeyResult<PasskeyUser>.Success(user);
    }

    private PasskeyError? Check(HttpContext context, string? token, out EmailLinkTokenInfo info)
    {
        if (!_tokens.TryRead(token, out info) || info.ExpiresAt <= _time.GetUtcNow())
        {
            return Refused(PasskeyHttpErrorCodes.TokenInvalid, InvalidMessage);
        }

        if (info.BindingPrefix is { } prefix
            && (_binding.GetHash(context) is not { } browser
                || !CryptographicOperations.FixedTimeEquals(browser.AsSpan(0, EmailLinkTokens.BindingPrefixLength), prefix)))
        {
            return Refused(PasskeyHttpErrorCodes.TokenWrongBrowser, WrongBrowserMessage);
        }

        return null;
    }

    private PasskeyError Refused(string code, string message)
    {
        PasskeyEmailLog.LinkRefused(_logger, code);
        return new PasskeyError(code, message);
    }

    private PasskeyResult<PasskeyUser> Invalid() => PasskeyResult<PasskeyUser>.Failure(Refused(PasskeyHttpErrorCodes.TokenInvalid, InvalidMessage));

    private PasskeyResult<PasskeyUser> WrongBrowser() => PasskeyResult<PasskeyUser>.Failure(Refused(PasskeyHttpErrorCodes.TokenWrongBrowser, WrongBrowserMessage));
}
