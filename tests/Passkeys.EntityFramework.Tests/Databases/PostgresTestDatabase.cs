using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Passkeys.EntityFramework.Tests.Databases;

/// <summary>
/// A new, uniquely named PostgreSQL database for one fixture, dropped when it is disposed, so parallel test runs
/// never share tables. The server comes from <c>PASSKEYS_TEST_POSTGRES</c>.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    public const string Variable = "PASSKEYS_TEST_POSTGRES";

    private const string HowToRun =
        "To run them: apt-get install -y postgresql && pg_ctlcluster 15 main start && "
        + "su postgres -c \"psql -c \\\"CREATE ROLE passkeys LOGIN CREATEDB PASSWORD 'passkeys'\\\"\" && "
        + "export " + Variable + "='Host=127.0.0.1;Port=5432;Username=passkeys;Password=passkeys;Database=postgres' "
        + "(the role needs CREATEDB: each run creates its own database and drops it).";

    private readonly string _adminConnectionString;

    private PostgresTestDatabase(string adminConnectionString, string connectionString, string databaseName)
    {
        _adminConnectionString = adminConnectionString;
        ConnectionString = connectionString;
        DatabaseName = databaseName;
    }

    public string ProviderName => "PostgreSQL";

    public string ConnectionString { get; }

    public string DatabaseName { get; }

    private static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Creates the database, or skips the calling fixture (fails it on CI) when PostgreSQL is not configured or
    /// cannot be reached.
    /// </summary>
    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var adminConnectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(adminConnectionString))
        {
            Unavailable($"The PostgreSQL tests need {Variable}, which is not set. {HowToRun}");
        }

        var databaseName = $"passkeys_test_{Guid.NewGuid():N}";
        try
        {
            await using (var admin = new NpgsqlConnection(adminConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            Unavailable($"PostgreSQL from {Variable} could not be reached or would not create a database ({ex.GetType().Name}: {ex.Message}). {HowToRun}");
        }

        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = databaseName }.ToString();
        var database = new PostgresTestDatabase(adminConnectionString, connectionString, databaseName);
        await using var context = database.CreateContext();
        await context.Database.EnsureCreatedAsync();
        return database;
    }

    public void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    public void ConfigureRetrying(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString, b => b.EnableRetryOnFailure());

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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);

        // FORCE cannot end an autovacuum worker that has just started on the fresh database (it runs as the
        // superuser: 42501); it finishes within moments, so the drop is tried again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    // Without PostgreSQL the tests skip and say how to run them; on CI (CI=true) they fail instead.
    [DoesNotReturn]
    private static void Unavailable(string reason)
    {
        if (OnCi)
        {
            Assert.Fail("CI=true, so the PostgreSQL tests must run. " + reason);
        }

        Assert.Ignore(reason);
    }
}
