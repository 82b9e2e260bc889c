using Microsoft.Extensions.DependencyInjection.Extensions;
using Passkeys;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the in-memory stores to a <see cref="PasskeysBuilder"/>.
/// </summary>
public static class PasskeysBuilderInMemoryExtensions
{
    /// <summary>
    /// Uses thread-safe in-memory stores for users, credentials, ceremonies and login tokens: for unit tests,
    /// samples and single-node prototypes. Everything is lost when the process ends.
    /// </summary>
    /// <param name="builder">The passkeys builder.</param>
    /// <returns>The builder.</returns>
    public static PasskeysBuilder AddInMemoryStores(this PasskeysBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<InMemoryPasskeyStore>();
        services.TryAddSingleton<IPasskeyUserStore>(sp => sp.GetRequiredService<InMemoryPasskeyStore>());
        services.TryAddSingleton<IPasskeyCredentialStore>(sp => sp.GetRequiredService<InMemoryPasskeyStore>());
        services.TryAddSingleton<IPasskeyCeremonyStore, InMemoryCeremonyStore>();
        services.TryAddSingleton<IPasskeyLoginTokenStore, InMemoryLoginTokenStore>();
        return builder;
    }
}
