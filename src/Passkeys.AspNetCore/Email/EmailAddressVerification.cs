using Microsoft.Extensions.Logging;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Verifies the address an account waits to verify: a link's token names the user and the address; spending it
/// makes that address the account's <see cref="PasskeyUser.Email"/>, if the account still asks for it and no other
/// account verified it first.
/// </summary>
internal sealed class EmailAddressVerification(
    EmailVerificationTokens tokens,
    IPasskeyUserStore users,
    IPasskeyLoginTokenStore store,
    TimeProvider time,
    ILogger<EmailAddressVerification> logger)
{
    private const string InvalidMessage = "This verification link is not valid: it has expired, was already used, or the account now asks for another address.";

    /// <summary>Says which address and account a link is for, without spending it.</summary>
    public async Task<PasskeyResult<VerifiedAddress>> PeekAsync(string? token, CancellationToken cancellationToken)
    {
        if (!Read(token, out var info))
        {
            return Invalid();
        }

        var record = await store.FindAsync(info.Hash, cancellationToken).ConfigureAwait(false);
        var user = record is null || !string.Equals(record.UserId, info.UserId, StringComparison.Ordinal)
            ? null
            : await users.FindByIdAsync(info.UserId, cancellationToken).ConfigureAwait(false);
        return user is null || !EmailAddresses.Same(user.PendingEmail, info.Email)
            ? Invalid()
            : PasskeyResult<VerifiedAddress>.Success(new VerifiedAddress(user, info.Email, user.Email));
    }

    /// <summary>Spends a link and makes its address the account's email.</summary>
    public async Task<PasskeyResult<VerifiedAddress>> VerifyAsync(string? token, CancellationToken cancellationToken)
    {
        if (!Read(token, out var info))
        {
            return Invalid();
        }

        var record = await store.TakeAsync(info.Hash, cancellationToken).ConfigureAwait(false);
        if (record is null || record.ExpiresAt <= time.GetUtcNow() || !string.Equals(record.UserId, info.UserId, StringComparison.Ordinal))
        {
            return Invalid();
        }

        var user = await users.FindByIdAsync(info.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || !EmailAddresses.Same(user.PendingEmail, info.Email))
        {
            return Invalid();
        }

        var previous = user.Email;
        user.Email = user.PendingEmail;
        user.PendingEmail = null;
        switch (await users.UpdateAsync(user, cancellationToken).ConfigureAwait(false))
        {
            case PasskeyStoreResult.Success:
                PasskeyEmailLog.AddressVerified(logger, user.Id);
                return PasskeyResult<VerifiedAddress>.Success(new VerifiedAddress(user, user.Email!, previous));
            case PasskeyStoreResult.EmailTaken or PasskeyStoreResult.UserNameTaken:
                return PasskeyResult<VerifiedAddress>.Failure(PasskeyErrorCodes.EmailExists,
                    "This address already belongs to another account; it stays there. Your account keeps its current address.");
            default:
                return Invalid();
        }
    }

    private bool Read(string? token, out EmailVerificationTokenInfo info)
        => tokens.TryRead(token, out info) && info.ExpiresAt > time.GetUtcNow();

    private PasskeyResult<VerifiedAddress> Invalid()
    {
        PasskeyEmailLog.VerificationRefused(logger, PasskeyHttpErrorCodes.TokenInvalid);
        return PasskeyResult<VerifiedAddress>.Failure(PasskeyHttpErrorCodes.TokenInvalid, InvalidMessage);
    }
}

/// <summary>An address verified (or about to be) for a user, and the address it replaces, if any.</summary>
internal sealed record VerifiedAddress(PasskeyUser User, string Email, string? Previous);
