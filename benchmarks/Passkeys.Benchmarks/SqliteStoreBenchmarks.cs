using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.EntityFramework;
using Passkeys.EntityFramework.Stores;

namespace Passkeys.Benchmarks;

/// <summary>
/// A sign-in's two database calls through the EF Core store, against the same statements run with bare
/// Microsoft.Data.Sqlite (the floor), on one SQLite file in WAL mode. For the write, also EF Core's LINQ
/// <c>ExecuteUpdateAsync</c>, which the store used before it sent the statement as SQL text.
/// </summary>
/// <remarks>
/// Both paths flush at checkpoints (<see cref="SqliteSynchronous.Normal"/>), so the numbers are the layers' CPU
/// rather than the disk's flush time. Each store call rents a pooled context in its own scope, as a request does.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SqliteStoreBenchmarks
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"passkeys-bench-{Guid.NewGuid():N}.db");
    private readonly byte[] _credentialId = RandomNumberGenerator.GetBytes(32);
    private ServiceProvider _services = null!;
    private PasskeyCredential _credential = null!;
    private string ConnectionString => $"Data Source={_file}";

    [GlobalSetup]
    public void GlobalSetup()
    {
        var services = new ServiceCollection();
        services.AddDbContextPool<StoreBenchmarkContext>(o => o.UseSqlite(ConnectionString).AddSqliteWalInterceptor(synchronous: SqliteSynchronous.Normal));
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<StoreBenchmarkContext>();
        context.Database.EnsureCreated();
        var user = new PasskeyUser("user-1", RandomNumberGenerator.GetBytes(32), "alice", DateTimeOffset.UtcNow);
        _credential = new PasskeyCredential(_credentialId, user.Id, RandomNumberGenerator.GetBytes(77), 0, Guid.Empty, "none", true, DateTimeOffset.UtcNow);
        var created = new EntityFrameworkPasskeyStore<StoreBenchmarkContext>(context).CreateAsync(user, _credential, default).GetAwaiter().GetResult();
        if (created != Stores.PasskeyStoreResult.Success || StoreRead().GetAwaiter().GetResult() is null || RawRead().GetAwaiter().GetResult() != 1)
        {
            throw new InvalidOperationException("The seeded credential was not found by both paths.");
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The credential joined with its owner, every column read.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Read")]
    public async Task<int> RawRead()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT * FROM "PasskeyCredentials" AS c INNER JOIN "PasskeyUsers" AS u ON c."UserId" = u."Id"
            WHERE c."CredentialId" = $id LIMIT 1
            """;
        command.Parameters.AddWithValue("$id", _credentialId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    [Benchmark]
    [BenchmarkCategory("Read")]
    public async Task<(PasskeyCredential Credential, PasskeyUser User)?> StoreRead()
    {
        await using var scope = _services.CreateAsyncScope();
        return await Store(scope).FindWithOwnerAsync(_credentialId, default);
    }

    /// <summary>Sign count, backup state, UV and last use, conditional on the stored count.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Write")]
    public async Task<int> RawWrite()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE "PasskeyCredentials" SET "SignCount" = 0, "IsBackedUp" = 1, "IsUserVerified" = 1, "LastUsedAt" = $at
            WHERE "CredentialId" = $id AND "SignCount" = 0
            """;
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
        command.Parameters.AddWithValue("$id", _credentialId);
        return await command.ExecuteNonQueryAsync();
    }

    [Benchmark]
    [BenchmarkCategory("Write")]
    public async Task<bool> StoreWrite()
    {
        await using var scope = _services.CreateAsyncScope();
        _credential.LastUsedAt = DateTimeOffset.UtcNow;
        return await Store(scope).UpdateUsageAsync(_credential, 0, default);
    }

    [Benchmark]
    [BenchmarkCategory("Write")]
    public async Task<int> LinqExecuteUpdate()
    {
        await using var scope = _services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<StoreBenchmarkContext>();
        var id = _credentialId;
        var at = DateTimeOffset.UtcNow;
        return await context.Set<PasskeyCredentialEntity>()
            .Where(c => c.CredentialId == id && c.SignCount == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SignCount, 0u).SetProperty(c => c.IsBackedUp, true)
                .SetProperty(c => c.IsUserVerified, true).SetProperty(c => c.LastUsedAt, at));
    }

    private static EntityFrameworkPasskeyStore<StoreBenchmarkContext> Store(AsyncServiceScope scope)
        => new(scope.ServiceProvider.GetRequiredService<StoreBenchmarkContext>());

    // The same connection settings the interceptor gives the store's connections.
    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }
}

/// <summary>A plain context with the passkey tables, as an app would have.</summary>
public sealed class StoreBenchmarkContext(DbContextOptions<StoreBenchmarkContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UsePasskeys();
}
