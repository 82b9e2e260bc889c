using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Passkeys;
using Passkeys.AspNetCore;
using Passkeys.AspNetCore.Email;
using Passkeys.AspNetCore.Endpoints;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// Maps the passkey JSON endpoints on an <see cref="IEndpointRouteBuilder"/>.
/// </summary>
public static class PasskeysEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the passkey endpoints (sign-up, sign-in, account, passkeys, deleting the account, confirming with a passkey, logout, remembered user, and sign-in by
    /// emailed link when <c>AddEmailLogin()</c> was called) under
    /// <paramref name="prefix"/>, refusing cross-site requests and rate limited by the
    /// <see cref="PasskeysDefaults.RateLimiterPolicy"/> policy (applied by <c>app.UseRateLimiter()</c> when the
    /// app calls it, and by the endpoints themselves when it does not); and
    /// the well-known documents that are configured: <c>/.well-known/webauthn</c> (<see cref="PasskeyOptions.RelatedOrigins"/>),
    /// <c>/.well-known/assetlinks.json</c> (<see cref="PasskeyHttpOptions.AndroidApps"/>),
    /// <c>/.well-known/apple-app-site-association</c> (<see cref="PasskeyHttpOptions.AppleAppIds"/>) and
    /// <c>/.well-known/passkey-endpoints</c> (<see cref="PasskeyHttpOptions.PasskeyEnrollUrl"/>, <see cref="PasskeyHttpOptions.PasskeyManageUrl"/>).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The route prefix; defaults to <c>/passkeys</c>.</param>
    /// <returns>A convention builder for the group, to add CORS, OpenAPI or other policies.</returns>
    public static IEndpointConventionBuilder MapPasskeys(this IEndpointRouteBuilder endpoints, string prefix = PasskeysDefaults.EndpointPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);

        var guard = endpoints.ServiceProvider.GetService<PasskeyRequestGuard>()
            ?? throw new InvalidOperationException("Call services.AddPasskeys(...) before app.MapPasskeys().");

        var group = endpoints.MapGroup(prefix);
        group.RequireRateLimiting(PasskeysDefaults.RateLimiterPolicy);

        // The outermost filter, so that a store that cannot be reached is a 503 wherever the endpoint met it.
        group.AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<PasskeyStoreUnavailableFilter>());
        group.AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<PasskeyRateLimitFallback>());
        group.AddEndpointFilter(guard);
        group.AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<PasskeyClientFilter>());
        group.WithTags("Passkeys");
        group.DisableAntiforgery();

        RegistrationEndpoints.Map(group);
        LoginEndpoints.Map(group);
        AccountEndpoints.Map(group);
        AccountDeletionEndpoints.Map(group);
        ReauthenticationEndpoints.Map(group);
        SessionEndpoints.Map(group);
        if (endpoints.ServiceProvider.GetService<EmailLoginQueue>() is not null)
        {
            EmailLoginEndpoints.Map(group);
            EmailVerificationEndpoints.Map(group);
            UpgradeEndpoints.Map(group);
        }

        WellKnownEndpoints.Map(endpoints, endpoints.ServiceProvider.GetRequiredService<IOptions<PasskeyOptions>>().Value,
            endpoints.ServiceProvider.GetRequiredService<IOptions<PasskeyHttpOptions>>().Value);

        return group;
    }
}
