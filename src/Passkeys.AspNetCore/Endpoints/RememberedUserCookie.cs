using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Remembers the last user of a browser in a data-protected, HttpOnly, SameSite=Strict cookie, so the next
/// sign-in can greet them by name (<c>__Host-</c> on https, see <see cref="PasskeyCookies"/>). The expiry is inside the protected payload and judged by the
/// <see cref="TimeProvider"/>, so an old cookie replayed later is ignored.
/// </summary>
internal sealed class RememberedUserCookie
{
    private const string Purpose = "Passkeys.AspNetCore.RememberedUser.v1";

    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly PasskeyHttpOptions _options;
    private readonly ILogger _logger;

    public RememberedUserCookie(IDataProtectionProvider protection, TimeProvider time, IOptions<PasskeyHttpOptions> options, ILogger<RememberedUserCookie> logger)
    {
        _protector = protection.CreateProtector(Purpose);
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public string CookieName(HttpContext context) => PasskeyCookies.Name(context, _options.RememberedUserCookieName);

    public void Remember(HttpContext context, string userId)
    {
        var expires = _time.GetUtcNow() + _options.RememberedUserLifetime;
        var payload = string.Create(CultureInfo.InvariantCulture, $"{expires.ToUnixTimeSeconds()}|{userId}");
        context.Response.Cookies.Append(CookieName(context), _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
            Expires = expires,
            MaxAge = _options.RememberedUserLifetime,
        });
    }

    public string? GetUserId(HttpContext context)
    {
        var value = context.Request.Cookies[CookieName(context)];
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return null;
        }

        try
        {
            var payload = _protector.Unprotect(value);
            var bar = payload.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0
                && long.TryParse(payload.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && DateTimeOffset.FromUnixTimeSeconds(seconds) > _time.GetUtcNow()
                && bar < payload.Length - 1)
            {
                return payload[(bar + 1)..];
            }
        }
        catch (CryptographicException)
        {
            // A cookie from another key ring, or tampered with: the same as none.
        }
        catch (ArgumentOutOfRangeException)
        {
            // An impossible expiry: the same as none.
        }

        PasskeyHttpLog.RememberedCookieIgnored(_logger);
        return null;
    }

    public void Forget(HttpContext context)
        => context.Response.Cookies.Delete(CookieName(context), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
}
