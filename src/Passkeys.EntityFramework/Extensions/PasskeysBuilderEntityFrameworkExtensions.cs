using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Passkeys;
using Passkeys.EntityFramework;
using Passkeys.EntityFramework.Stores;
using Passkeys.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the Entity Framework Core stores to a <see cref="PasskeysBuilder"/>.
/// </summary>
public static class PasskeysBuilderEntityFrameworkExtensions
{
    /// <summary>
    /// Keeps users, credentials, ceremonies, email login tokens and the email outbox in the app's
    /// <typeparamref name="TContext"/>, and adds a hosted service that deletes expired ceremonies and tokens.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The context must be registered (<c>AddDbContext</c> or <c>AddDbContextPool</c>) and its model must call
    /// <c>modelBuilder.UsePasskeys()</c> in <c>OnModelCreating</c>. The stores are scoped, like the context.
    /// Tested on SQLite and PostgreSQL (Npgsql); any provider whose SQL has <c>DELETE … RETURNING</c> works.
    /// </para>
    /// <para>
    /// With an outbox store registered, <c>AddEmailLogin()</c> queues its emails in the database instead of in memory:
    /// any node sends them, and none is lost when a node stops.
    /// </para>
    /// <para>
    /// On SQLite, turn on the write-ahead log and a busy timeout, or concurrent sign-ins stall on the write lock:
    /// add <c>.AddSqliteWalInterceptor()</c> to the context options, or run <c>PRAGMA journal_mode=WAL</c> once
    /// (it is kept in the database file) and <c>PRAGMA busy_timeout = 5000</c> on each connection you open.
    /// </para>
    /// </remarks>
    /// <typeparam name="TContext">The app's context.</typeparam>
    /// <param name="builder">The passkeys builder.</param>
    /// <param name="configureSweeper">Configures the sweeper of expired rows, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static PasskeysBuilder AddEntityFrameworkStores<TContext>(this PasskeysBuilder builder, Action<PasskeyStoreSweeperOptions>? configureSweeper = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.TryAddScoped<EntityFrameworkPasskeyStore<TContext>>();
        services.TryAddScoped<IPasskeyUserStore>(sp => sp.GetRequiredService<EntityFrameworkPasskeyStore<TContext>>());
        services.TryAddScoped<IPasskeyCredentialStore>(sp => sp.GetRequiredService<EntityFrameworkPasskeyStore<TContext>>());
        services.TryAddScoped<IPasskeyCeremonyStore, EntityFrameworkCeremonyStore<TContext>>();
        services.TryAddScoped<IPasskeyLoginTokenStore, EntityFrameworkLoginTokenStore<TContext>>();
        services.TryAddScoped<IPasskeyEmailOutboxStore, EntityFrameworkEmailOutboxStore<TContext>>();
        services.TryAddSingleton(TimeProvider.System);

        var sweeper = services.AddOptions<PasskeyStoreSweeperOptions>()
            .Validate(o => o.Interval > TimeSpan.Zero, "PasskeyStoreSweeperOptions.Interval must be positive, such as 00:05:00.")
            .ValidateOnStart();
        if (configureSweeper is not null)
        {
            sweeper.Configure(configureSweeper);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PasskeyStoreSweeper>());
        return builder;
    }
}
