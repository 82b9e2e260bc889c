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

    /// <summary>
    /// Keeps ceremonies in progress in memory instead of the database, whatever store package is used for users
    /// and credentials: a sign-in then reads the database once and writes to it at most once, instead of two more
    /// writes for the ceremony.
    /// </summary>
    /// <remarks>
    /// Only for an app that runs as <b>one process</b> (a SQLite file is typically used that way): a ceremony
    /// started on one node could not be completed on another, and ceremonies in progress are lost on restart (the
    /// person just tries again). Ceremonies stay single use: they are taken with an atomic remove. The default,
    /// without this call, is the store package's database table, which every node of a cluster shares. At most
    /// <paramref name="capacity"/> ceremonies are held: when full, the expired ones are dropped, and with none expired
    /// new ceremonies are refused (<see cref="PasskeyErrorCodes.TooManyCeremonies"/>, 503) rather than drop one in
    /// progress or grow the process.
    /// </remarks>
    /// <param name="builder">The passkeys builder.</param>
    /// <param name="capacity">How many ceremonies are held at most (about 1 KB each).</param>
    /// <returns>The builder.</returns>
    public static PasskeysBuilder AddInMemoryCeremonies(this PasskeysBuilder builder, int capacity = InMemoryCeremonyStore.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPasskeyCeremonyStore>(
            sp => new InMemoryCeremonyStore(sp.GetRequiredService<TimeProvider>(), capacity)));
        return builder;
    }
}
