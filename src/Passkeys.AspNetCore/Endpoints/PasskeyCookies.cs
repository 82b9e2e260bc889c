using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Names the passkey cookies by the request's scheme: on https they take the <c>__Host-</c> prefix, so the browser
/// accepts them only when Secure, with Path=/ and no Domain, and neither a sibling subdomain nor a plain-http page can
/// set or overwrite them; on http (http://localhost in development) they keep their configured names.
/// </summary>
/// <remarks>
/// An app behind a TLS-terminating proxy must forward the scheme (<c>UseForwardedHeaders</c>) so that
/// <see cref="HttpRequest.IsHttps"/> is true, as it must for Secure cookies anyway.
/// </remarks>
internal static class PasskeyCookies
{
    public static string Name(HttpContext context, string name)
        => context.Request.IsHttps && !name.StartsWith(PasskeysDefaults.HostCookiePrefix, StringComparison.Ordinal)
            ? PasskeysDefaults.HostCookiePrefix + name
            : name;

    /// <summary>On https, a copy of <paramref name="options"/> with what the prefix requires; on http, the options as they are.</summary>
    public static CookieOptions Options(HttpContext context, CookieOptions options)
        => context.Request.IsHttps
            ? new CookieOptions(options) { Secure = true, Path = "/", Domain = null }
            : options;
}
