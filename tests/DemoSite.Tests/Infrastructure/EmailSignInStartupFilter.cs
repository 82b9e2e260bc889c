using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Passkeys;
using Passkeys.Stores;

namespace DemoSite.Tests.Infrastructure;

/// <summary>
/// Stands in for the email link endpoints, which a later issue adds: <c>{path}?userName=</c> signs that user in
/// with <c>amr</c> = <c>email</c>, as a sign-in link will.
/// </summary>
internal sealed class EmailSignInStartupFilter(string path) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Not app.Map: it would move the path into PathBase, and the cookie would be scoped to it.
        app.Use((context, nextMiddleware) => context.Request.Path == path ? SignInAsync(context) : nextMiddleware(context));
        next(app);
    };

    private static async Task SignInAsync(HttpContext context)
    {
        var users = context.RequestServices.GetRequiredService<IPasskeyUserStore>();
        var user = await users.FindByNameAsync(context.Request.Query["userName"].ToString(), context.RequestAborted)
            ?? throw new InvalidOperationException("No such user.");
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim("amr", "email"),
            ],
            PasskeysDefaults.AuthenticationScheme);
        await context.SignInAsync(PasskeysDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
