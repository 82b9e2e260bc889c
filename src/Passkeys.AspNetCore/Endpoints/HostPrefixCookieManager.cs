using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Gives a cookie scheme's cookie (and its chunks) the <c>__Host-</c> prefix on https requests, with the attributes
/// the prefix requires (Secure, Path=/, no Domain); on http the cookie keeps its plain name, so http://localhost works.
/// </summary>
internal sealed class HostPrefixCookieManager : ICookieManager
{
    private readonly ICookieManager _inner;

    public HostPrefixCookieManager(ICookieManager inner)
    {
        _inner = inner;
    }

    public string? GetRequestCookie(HttpContext context, string key)
        => _inner.GetRequestCookie(context, PasskeyCookies.Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
        => _inner.AppendResponseCookie(context, PasskeyCookies.Name(context, key), value, PasskeyCookies.Options(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
        => _inner.DeleteCookie(context, PasskeyCookies.Name(context, key), PasskeyCookies.Options(context, options));
}
