using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Endpoints;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Binds sign-in links to the browser that asked for them: a data-protected, HttpOnly cookie holding 256 random bits,
/// whose SHA-256 hash is stored with each link (<c>__Host-</c> on https, see <see cref="PasskeyCookies"/>, so a sibling
/// subdomain cannot plant its own binding).
/// </summary>
/// <remarks>
/// SameSite=Lax, not Strict: the link is opened by a top-level navigation from a mail client or webmail page, and
/// the confirm page must see the cookie then. The cookie authorises nothing by itself; the link's token is needed too.
/// It is set on every request for a link, for addresses with and without an account alike.
/// </remarks>
internal sealed class EmailLoginBindingCookie
{
    private const string Purpose = "Passkeys.AspNetCore.EmailLogin.Browser.v1";

    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly PasskeyEmailLoginOptions _options;

    public EmailLoginBindingCookie(IDataProtectionProvider protection, TimeProvider time, IOptions<PasskeyEmailLoginOptions> options)
    {
        _protector = protection.CreateProtector(Purpose);
        _time = time;
        _options = options.Value;
    }

    /// <summary>Keeps the browser's binding (or makes one), renews the cookie, and returns the binding's hash.</summary>
    public byte[] Renew(HttpContext context)
    {
        var secret = ReadSecret(context) ?? RandomNumberGenerator.GetBytes(32);
        context.Response.Cookies.Append(PasskeyCookies.Name(context, _options.BindingCookieName), Base64Url.EncodeToString(_protector.Protect(secret)),
            Options(context, _time.GetUtcNow() + _options.LinkLifetime));
        return SHA256.HashData(secret);
    }

    /// <summary>Gets the hash of this browser's binding, or <see langword="null"/> when it has none that can be read.</summary>
    public byte[]? GetHash(HttpContext context) => ReadSecret(context) is { } secret ? SHA256.HashData(secret) : null;

    private byte[]? ReadSecret(HttpContext context)
    {
        var value = context.Request.Cookies[PasskeyCookies.Name(context, _options.BindingCookieName)];
        if (string.IsNullOrEmpty(value) || value.Length > 1024 || !Base64Url.IsValid(value))
        {
            return null;
        }

        try
        {
            var secret = _protector.Unprotect(Base64Url.DecodeFromChars(value));
            return secret.Length == 32 ? secret : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => PasskeyCookies.Options(context, new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    });
}
