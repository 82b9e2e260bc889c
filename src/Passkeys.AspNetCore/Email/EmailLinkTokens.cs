using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Makes and reads the secret of a sign-in link.
/// </summary>
/// <remarks>
/// A token is 43 base64url characters of 256 random bits followed by a data-protected hint (base64url too) that
/// says whom the link is for, until when, and which browser asked for it, and holds a hash of the random part so
/// that the two halves only work together. The store keeps only the SHA-256 hash of
/// the whole token, and taking it there is what spends it; the hint lets the confirm page show the name, and lets a
/// link opened in another browser be refused, without touching the store. Nobody without the token learns anything:
/// the hint is encrypted and authenticated, and the hash covers it, so changing a single character makes the token
/// unknown.
/// </remarks>
internal sealed class EmailLinkTokens
{
    public const int SecretLength = 32;
    public const int MaxTokenLength = 1024;
    public const int BindingPrefixLength = 16;
    public const int SecretCheckLength = 16;

    /// <summary>The data protection purpose of sign-in link tokens.</summary>
    public const string SignInPurpose = "Passkeys.AspNetCore.EmailLogin.Link.v1";
    private const byte Version = 1;
    private const int Header = 1 + SecretCheckLength + 8 + 1;
    private static readonly int SecretChars = Base64Url.GetEncodedLength(SecretLength);

    private readonly IDataProtector _protector;

    public EmailLinkTokens(IDataProtectionProvider protection)
        : this(protection, SignInPurpose)
    {
    }

    // Tokens of one purpose cannot be read as tokens of another: a verification link does not sign anyone in.
    internal EmailLinkTokens(IDataProtectionProvider protection, string purpose)
    {
        _protector = protection.CreateProtector(purpose);
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    public (string Token, byte[] Hash) Issue(string userId, DateTimeOffset expiresAt, byte[]? bindingHash)
    {
        // version (1) | secret check (16) | expiry, unix seconds (8) | binding prefix length (1) | binding prefix | user id
        var secret = RandomNumberGenerator.GetBytes(SecretLength);
        var user = Encoding.UTF8.GetBytes(userId);
        var prefix = bindingHash is null ? 0 : BindingPrefixLength;
        var payload = new byte[Header + prefix + user.Length];
        payload[0] = Version;
        SHA256.HashData(secret).AsSpan(0, SecretCheckLength).CopyTo(payload.AsSpan(1));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1 + SecretCheckLength), expiresAt.ToUnixTimeSeconds());
        payload[Header - 1] = (byte)prefix;
        bindingHash?.AsSpan(0, prefix).CopyTo(payload.AsSpan(Header));
        user.CopyTo(payload.AsSpan(Header + prefix));

        var token = Base64Url.EncodeToString(secret) + Base64Url.EncodeToString(_protector.Protect(payload));
        return (token, Hash(token));
    }

    /// <summary>Reads a token's hint; <see langword="false"/> for anything that is not a token this app made.</summary>
    public bool TryRead(string? token, out EmailLinkTokenInfo info)
    {
        info = default;
        if (token is null || token.Length <= SecretChars || token.Length > MaxTokenLength
            || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            || !Base64Url.IsValid(token.AsSpan(0, SecretChars), out var secretBytes) || secretBytes != SecretLength
            || !Base64Url.IsValid(token.AsSpan(SecretChars)))
        {
            return false;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(Base64Url.DecodeFromChars(token.AsSpan(SecretChars)));
        }
        catch (CryptographicException)
        {
            return false;
        }

        if (payload.Length <= Header || payload[0] != Version || payload[Header - 1] is not (0 or BindingPrefixLength)
            || payload.Length <= Header + payload[Header - 1])
        {
            return false;
        }

        var secret = Base64Url.DecodeFromChars(token.AsSpan(0, SecretChars));
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(secret).AsSpan(0, SecretCheckLength), payload.AsSpan(1, SecretCheckLength)))
        {
            return false;
        }

        var seconds = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(1 + SecretCheckLength));
        if (seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var prefix = payload[Header - 1];
        info = new EmailLinkTokenInfo(
            Hash(token),
            Encoding.UTF8.GetString(payload, Header + prefix, payload.Length - Header - prefix),
            DateTimeOffset.FromUnixTimeSeconds(seconds),
            prefix == 0 ? null : payload.AsSpan(Header, prefix).ToArray());
        return true;
    }
}

/// <summary>What a token's hint says; the store's record, taken by <see cref="Hash"/>, is what counts.</summary>
internal readonly record struct EmailLinkTokenInfo(byte[] Hash, string UserId, DateTimeOffset ExpiresAt, byte[]? BindingPrefix);
