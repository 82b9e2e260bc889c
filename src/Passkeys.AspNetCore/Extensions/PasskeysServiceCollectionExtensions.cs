using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Passkeys;
using Passkeys.AspNetCore;
using Passkeys.AspNetCore.Authorization;
using Passkeys.AspNetCore.Configuration;
using Passkeys.AspNetCore.Endpoints;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds passkey sign-in for ASP.NET Core to an <see cref="IServiceCollection"/>.
/// </summary>
public static class PasskeysServiceCollectionExtensions
{
    /// <summary>
    /// Adds the passkey engine, Fido2, data protection, the <see cref="PasskeysDefaults.AuthenticationScheme"/>
    /// cookie scheme, the rate limiter policy and the services of the endpoints <c>MapPasskeys()</c> maps, with
    /// <see cref="PasskeyOptions"/>, <see cref="PasskeyHttpOptions"/> and <see cref="PasskeyProviderOptions"/> bound from <paramref name="configuration"/>
    /// and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section, usually <c>Passkeys</c>.</param>
    /// <returns>A builder for adding stores and features.</returns>
    public static PasskeysBuilder AddPasskeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddPasskeys(configure: null);
        services.Configure<PasskeyOptions>(configuration);
        services.Configure<PasskeyHttpOptions>(configuration);
        services.Configure<PasskeyProviderOptions>(configuration);
        return builder;
    }

    /// <summary>
    /// Adds the passkey engine, Fido2, data protection, the <see cref="PasskeysDefaults.AuthenticationScheme"/>
    /// cookie scheme, the rate limiter policy and the services of the endpoints <c>MapPasskeys()</c> maps, with
    /// validated <see cref="PasskeyOptions"/>. Calling it again only adds configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/>.</param>
    /// <returns>A builder for adding stores and features.</returns>
    public static PasskeysBuilder AddPasskeys(this IServiceCollection services, Action<PasskeyOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddPasskeysCore(configure);

        services.AddOptions<PasskeyHttpOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasskeyHttpOptions>, PasskeyHttpOptionsValidator>());
        services.TryAddSingleton<RememberedUserCookie>();
        services.TryAddScoped<PasskeySignIn>();
        services.TryAddScoped<PasskeySessionValidator>();
        services.TryAddScoped<PasskeyStepUp>();
        services.TryAddSingleton<PasskeyAddGate>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAuthorizationHandler, PasskeyRecentAuthenticationHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AuthorizationOptions>, RecentPasskeyPolicySetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, PasskeyCookieOptionsSetup>());
        services.TryAddSingleton<PasskeyRequestGuard>();
        services.TryAddSingleton<PasskeyRateLimiterPolicy>();
        services.TryAddSingleton<PasskeyRateLimitFallback>();
        services.TryAddSingleton<PasskeyClientFilter>();
        services.TryAddSingleton<PasskeyStoreUnavailableFilter>();

        if (services.Any(d => d.ServiceType == typeof(PasskeysAspNetCoreMarker)))
        {
            return builder;
        }

        services.AddSingleton<PasskeysAspNetCoreMarker>();
        services.AddDataProtection();

        // The recent-passkey policy answers API calls with the reauthentication_required problem; an app's own
        // result handler (registered before or after) is left alone.
        if (!services.Any(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler) && d.ImplementationType != typeof(AuthorizationMiddlewareResultHandler)))
        {
            services.AddSingleton<IAuthorizationMiddlewareResultHandler, PasskeyAuthorizationResultHandler>();
        }

        services.AddAuthorization();
        services.AddAuthentication()
            .AddCookie(PasskeysDefaults.AuthenticationScheme, options =>
            {
                // On https the name takes the __Host- prefix, and every session is checked against the user's
                // security stamp (PasskeyCookieOptionsSetup).
                options.Cookie.Name = ".Passkeys.Session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
            });

        // The passkey scheme becomes the default only when the app names none.
        services.AddOptions<AuthenticationOptions>().PostConfigure(options =>
        {
            if (options.DefaultScheme is null && options.DefaultAuthenticateScheme is null)
            {
                options.DefaultScheme = PasskeysDefaults.AuthenticationScheme;
            }
        });

        services.AddRateLimiter(options => options.AddPolicy<string, PasskeyRateLimiterPolicy>(PasskeysDefaults.RateLimiterPolicy));
        return builder;
    }

    private sealed class PasskeysAspNetCoreMarker;
}
