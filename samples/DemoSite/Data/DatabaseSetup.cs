using DemoSite.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Passkeys.EntityFramework.Stores;

namespace DemoSite.Data;

/// <summary>
/// Chooses the database from configuration (<c>Database:Provider</c>, <c>ConnectionStrings:Passkeys</c>) and
/// prepares it at start-up: SQLite is migrated, PostgreSQL is created from the model.
/// </summary>
internal static class DatabaseSetup
{
    private const string ConnectionStringName = "Passkeys";
    private const string DefaultSqlite = "Data Source=passkeys-demo.db";

    /// <summary>Registers <see cref="DemoDbContext"/> for the configured provider.</summary>
    /// <returns>The provider: <see cref="DatabaseOptions.Sqlite"/> or <see cref="DatabaseOptions.Npgsql"/>.</returns>
    public static string AddDemoDatabase(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetSection("Database").Get<DatabaseOptions>()?.Provider ?? DatabaseOptions.Sqlite;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);

        if (string.Equals(provider, DatabaseOptions.Npgsql, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Npgsql, but ConnectionStrings:Passkeys is empty. Set it, for example "
                    + "ConnectionStrings__Passkeys=\"Host=localhost;Username=passkeys;Password=...;Database=passkeys\".");
            }

            var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
            builder.Services.AddSingleton(new DatabaseDescription(DatabaseOptions.Npgsql, $"PostgreSQL database {npgsql.Database} on {npgsql.Host}:{npgsql.Port}"));
            builder.Services.AddDbContextPool<DemoDbContext>(o => o.UseNpgsql(connectionString));
            return DatabaseOptions.Npgsql;
        }

        if (!string.Equals(provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not known. Use Sqlite (the default) or Npgsql.");
        }

        var sqlite = ResolveSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite : connectionString, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(new DatabaseDescription(DatabaseOptions.Sqlite, $"SQLite file {sqlite.DataSource}"));
        builder.Services.AddDbContextPool<DemoDbContext>(o => o.UseSqlite(sqlite.ConnectionString).AddSqliteWalInterceptor());
        return DatabaseOptions.Sqlite;
    }

    /// <summary>Migrates SQLite to the latest migration, or creates the PostgreSQL tables if they are missing.</summary>
    public static async Task InitializeDemoDatabaseAsync(this WebApplication app)
    {
        var description = app.Services.GetRequiredService<DatabaseDescription>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DemoSite.Database");
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<DemoDbContext>();

        if (description.Provider == DatabaseOptions.Sqlite)
        {
            await MigrateSqliteAsync(context, scope.ServiceProvider.GetRequiredService<EntityFrameworkPasskeyStore<DemoDbContext>>(), logger);
        }
        else
        {
            // One provider's migrations do not fit another's; PostgreSQL gets its tables from the model.
            await context.Database.EnsureCreatedAsync();
        }

        DemoSiteLog.DatabaseReady(logger, description.Text);
    }

    // The migrations in Data/Migrations are generated for SQLite. The LoginNames migration normalizes plain ASCII
    // names in SQL; the others (case folding, NFC) are brought to the same form here, once, when it is applied.
    internal static async Task MigrateSqliteAsync(DemoDbContext context, EntityFrameworkPasskeyStore<DemoDbContext> store, ILogger logger)
    {
        var pending = await context.Database.GetPendingMigrationsAsync();
        await context.Database.MigrateAsync();
        if (pending.Any(m => m.EndsWith("_LoginNames", StringComparison.Ordinal)))
        {
            var renormalized = await store.RenormalizeNamesAsync();
            DemoSiteLog.NamesRenormalized(logger, renormalized.UsersRewritten, renormalized.UsersNotRewritten.Count);
        }
    }

    // A relative file name lives beside the app (its content root), not wherever the shell happens to be.
    internal static SqliteConnectionStringBuilder ResolveSqlite(string connectionString, string contentRoot)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        var file = sqlite.DataSource;
        var inMemory = sqlite.Mode == SqliteOpenMode.Memory || file.Length == 0 || file == ":memory:"
            || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        if (!inMemory && !Path.IsPathRooted(file))
        {
            sqlite.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
        }

        return sqlite;
    }
}
