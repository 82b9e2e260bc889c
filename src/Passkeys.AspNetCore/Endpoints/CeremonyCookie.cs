using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Binds a ceremony to the browser that asked for its options: an HttpOnly, SameSite=Strict cookie per kind of
/// ceremony that holds the random ceremony id and expires with the ceremony; <c>__Host-</c> on https
/// (<see cref="PasskeyCookies"/>).
/// </summary>
internal static class CeremonyCookie
{
    public static string Name(HttpContext context, PasskeyHttpOptions options, PasskeyCeremonyKind kind)
        => PasskeyCookies.Name(context, BaseName(options, kind));

    private static string BaseName(PasskeyHttpOptions options, PasskeyCeremonyKind kind) => kind switch
    {
        PasskeyCeremonyKind.Registration => options.CeremonyCookieName + ".reg",
        PasskeyCeremonyKind.AddCredential => options.CeremonyCookieName + ".add",
        PasskeyCeremonyKind.Reauthentication => options.CeremonyCookieName + ".step",
        _ => options.CeremonyCookieName + ".auth",
    };

    public static void Set(HttpContext context, PasskeyHttpOptions options, PasskeyCeremonyKind kind, PasskeyCeremonyStart start)
        => context.Response.Cookies.Append(Name(context, options, kind), start.CeremonyId, Options(context, start.ExpiresAt));

    /// <summary>Reads the ceremony id and deletes the cookie: a ceremony is completed at most once.</summary>
    public static string Take(HttpContext context, PasskeyHttpOptions options, PasskeyCeremonyKind kind)
    {
        var name = Name(context, options, kind);
        var id = context.Request.Cookies[name];
        if (id is not null)
        {
            context.Response.Cookies.Delete(name, Options(context, expires: null));
        }

        return id ?? string.Empty;
    }

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };
}
