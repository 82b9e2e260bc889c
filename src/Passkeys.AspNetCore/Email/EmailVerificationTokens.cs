using Microsoft.AspNetCore.DataProtection;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Tokens of email verification links: the sign-in link machinery (a secret whose hash is stored single use, an
/// expiry, data protection) under a purpose of their own, naming the user and the address they verify. They are bound
/// to nothing else, so the owner may open the link in any browser.
/// </summary>
internal sealed class EmailVerificationTokens(IDataProtectionProvider protection)
{
    private const string Purpose = "Passkeys.AspNetCore.EmailVerification.v1";

    // An address has no line break (the endpoints refuse white space), so the last one ends the user id.
    private const char Separator = '\n';

    private readonly EmailLinkTokens _tokens = new(protection, Purpose);

    public (string Token, byte[] Hash) Issue(string userId, string email, DateTimeOffset expiresAt)
        => _tokens.Issue(userId + Separator + email, expiresAt, bindingHash: null);

    public bool TryRead(string? token, out EmailVerificationTokenInfo info)
    {
        info = default;
        if (!_tokens.TryRead(token, out var read))
        {
            return false;
        }

        var at = read.UserId.LastIndexOf(Separator);
        if (at <= 0 || at == read.UserId.Length - 1)
        {
            return false;
        }

        info = new EmailVerificationTokenInfo(read.Hash, read.UserId[..at], read.UserId[(at + 1)..], read.ExpiresAt);
        return true;
    }
}

internal readonly record struct EmailVerificationTokenInfo(byte[] Hash, string UserId, string Email, DateTimeOffset ExpiresAt);
