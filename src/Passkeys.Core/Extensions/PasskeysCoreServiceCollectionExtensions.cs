using Fido2NetLib;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Passkeys;
using Passkeys.Configuration;
using Passkeys.Engine;
using Passkeys.Engine.FastPath;
using Passkeys.Providers;
using Passkeys.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the passkey ceremony engine to an <see cref="IServiceCollection"/>.
/// </summary>
public static class PasskeysCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the passkey engine, Fido2 and validated <see cref="PasskeyOptions"/>, without any HTTP parts.
    /// Add stores with <c>AddInMemoryStores()</c> or a store package. Calling it again only adds configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/>.</param>
    /// <returns>A builder for adding stores and features.</returns>
    public static PasskeysBuilder AddPasskeysCore(this IServiceCollection services, Action<PasskeyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<PasskeyOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<PasskeyProviderOptions>().ValidateOnStart();
        services.AddMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasskeyOptions>, PasskeyOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasskeyProviderOptions>, PasskeyProviderOptionsValidator>());
        services.TryAddSingleton<IPasskeyProviderCatalog>(sp => new PasskeyProviderCatalog(
            sp.GetRequiredService<IOptions<PasskeyProviderOptions>>(),
            sp.GetService<ILogger<PasskeyProviderCatalog>>() ?? NullLogger<PasskeyProviderCatalog>.Instance));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PasskeyMetrics>();
        services.TryAddSingleton<DecoyCredentials>();
        services.TryAddSingleton(sp => CreateFido2Configuration(sp.GetRequiredService<IOptions<PasskeyOptions>>().Value));
        services.TryAddSingleton<IFido2>(sp => new Fido2(sp.GetRequiredService<Fido2Configuration>()));
        services.TryAddSingleton<PublicKeyCache>();
        services.TryAddSingleton(sp => new AssertionVerifier(sp.GetRequiredService<Fido2Configuration>(), sp.GetRequiredService<PublicKeyCache>()));
        services.TryAddScoped<PasskeyClientContext>();
        services.TryAddScoped(sp => new PasskeyEngine(
            sp.GetRequiredService<IFido2>(),
            sp.GetRequiredService<IOptions<PasskeyOptions>>(),
            sp.GetRequiredService<IPasskeyUserStore>(),
            sp.GetRequiredService<IPasskeyCredentialStore>(),
            sp.GetRequiredService<IPasskeyCeremonyStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PasskeyEngine>>() ?? NullLogger<PasskeyEngine>.Instance,
            sp.GetRequiredService<PasskeyMetrics>(),
            sp.GetRequiredService<DecoyCredentials>(),
            sp.GetRequiredService<AssertionVerifier>(),
            sp.GetRequiredService<PublicKeyCache>(),
            sp.GetRequiredService<PasskeyClientContext>(),
            sp.GetRequiredService<IPasskeyProviderCatalog>()));
        return new PasskeysBuilder(services);
    }

    internal static Fido2Configuration CreateFido2Configuration(PasskeyOptions options) => new()
    {
        RPID = options.RelyingPartyId,
        RPName = string.IsNullOrEmpty(options.RelyingPartyName) ? options.RelyingPartyId : options.RelyingPartyName,
        // Related origins verify like the configured ones; Fido2 and the fast path read the same set.
        Origins = new HashSet<string>(options.Origins.Concat(options.RelatedOrigins), StringComparer.OrdinalIgnoreCase),
        ChallengeSize = options.ChallengeSize,
        Timeout = (uint)options.CeremonyTimeout.TotalMilliseconds,
    };
}
