using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Stores;

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
        PasskeyCeremonyKind.ConditionalAddCredential => options.CeremonyCookieName + ".upgrade",
        PasskeyCeremonyKind.Reauthentication => options.CeremonyCookieName + ".step",
        _ => options.CeremonyCookieName + ".auth",
    };

    /// <summary>
    /// Names the new ceremony in the cookie, and takes the one the cookie named before from the store: this browser
    /// can no longer complete it, so it holds at most one ceremony of each kind (autofill and then the button, say).
    /// </summary>
    public static async Task SetAsync(HttpContext context, PasskeyHttpOptions options, PasskeyCeremonyKind kind, PasskeyCeremonyStart start)
    {
        var name = Name(context, options, kind);
        if (context.Request.Cookies[name] is { Length: > 0 and <= 64 } previous && previous != start.CeremonyId)
        {
            await context.RequestServices.GetRequiredService<IPasskeyCeremonyStore>().TakeAsync(previous, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Cookies.Append(name, start.CeremonyId, Options(context, start.ExpiresAt));
    }

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
