using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Completes the cookie schemes after the app configured them: the cookie of the
/// <see cref="PasskeyHttpOptions.SignInScheme"/> is checked by <see cref="PasskeySessionValidator"/> (before any
/// validation of the app's own), and the <see cref="PasskeysDefaults.AuthenticationScheme"/> cookie takes the
/// <c>__Host-</c> prefix on https unless the app gave it a domain.
/// </summary>
internal sealed class PasskeyCookieOptionsSetup : IPostConfigureOptions<CookieAuthenticationOptions>
{
    private readonly IOptions<PasskeyHttpOptions> _httpOptions;

    public PasskeyCookieOptionsSetup(IOptions<PasskeyHttpOptions> httpOptions)
    {
        _httpOptions = httpOptions;
    }

    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(name, PasskeysDefaults.AuthenticationScheme, StringComparison.Ordinal) && options.Cookie.Domain is null)
        {
            options.CookieManager = new HostPrefixCookieManager(options.CookieManager ?? new ChunkingCookieManager());
        }

        if (string.Equals(name, _httpOptions.Value.SignInScheme, StringComparison.Ordinal))
        {
            var appValidation = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await context.HttpContext.RequestServices.GetRequiredService<PasskeySessionValidator>().ValidateAsync(context).ConfigureAwait(false);
                if (context.Principal is not null)
                {
                    await appValidation(context).ConfigureAwait(false);
                }
            };
        }
    }
}
