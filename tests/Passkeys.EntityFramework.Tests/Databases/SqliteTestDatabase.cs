using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Passkeys.EntityFramework.Tests.Databases;

/// <summary>
/// A SQLite database in a new temporary file, in WAL mode with a busy timeout, as apps are told to run it.
/// A file (not a shared in-memory database) so that many connections write to it the way nodes would.
/// </summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"passkeys-ef-{Guid.NewGuid():N}.db");

    private SqliteTestDatabase()
    {
    }

    public string ProviderName => "SQLite";

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    public static async Task<SqliteTestDatabase> CreateAsync()
    {
        var database = new SqliteTestDatabase();
        await using var context = database.CreateContext();
        await context.Database.EnsureCreatedAsync();
        return database;
    }

    public void Configure(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString).AddSqliteWalInterceptor();

    // SQLite has no retrying strategy of its own; any strategy with retries behaves as EnableRetryOnFailure does.
    public void ConfigureRetrying(DbContextOptionsBuilder options)
        => options.UseSqlite(ConnectionString, b => b.ExecutionStrategy(d => new NeverTransientRetryingStrategy(d))).AddSqliteWalInterceptor();

    private sealed class NeverTransientRetryingStrategy(ExecutionStrategyDependencies dependencies)
        : ExecutionStrategy(dependencies, maxRetryCount: 3, maxRetryDelay: TimeSpan.FromMilliseconds(10))
    {
        protected override bool ShouldRetryOn(Exception exception) => false;
    }

    public TestDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        Configure(options);
        return new TestDbContext(options.Options);
    }

    public TestDbContext CreateRetryingContext()
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        ConfigureRetrying(options);
        return new TestDbContext(options.Options);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
