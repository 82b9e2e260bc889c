// The load generator's server for Passkeys for .NET, configured the way an app would configure the library:
//   dotnet PasskeysServer.dll --urls http://localhost:5000 --Origin http://localhost:5000
//       [--Db sqlite|postgres] [--ConnectionString "..."] [--SweepSeconds 300] [--CeremonyTimeoutSeconds 300]
//       [--CountCommands true] [--SchemaOnly true]
// and, to locate costs (not how the comparison runs): [--Db memory] (AddInMemoryStores, no database),
//       [--Pool true] (AddDbContextPool, as the sample site), [--MemoryCeremonies true] (AddInMemoryCeremonies: one
//       process only), [--Synchronous Normal] (SQLite flushes at checkpoints, not at every commit),
//       [--LogSql true] (EF command log at Information).
// Only the /bench/stats endpoint is added for the benchmark (allocations, commands, ceremony rows).
using Microsoft.EntityFrameworkCore;
using Passkeys.EntityFramework;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;
using PasskeysServer;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
var db = config["Db"] ?? "sqlite";
var connectionString = config["ConnectionString"] ?? "Data Source=passkeys-bench.db";
var origin = config["Origin"] ?? "http://localhost:5000";
var countCommands = config.GetValue("CountCommands", false);
var counter = new CommandCounter();

builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (config.GetValue("LogSql", false))
{
    builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
}

void ConfigureContext(DbContextOptionsBuilder o)
{
    if (db == "postgres")
    {
        o.UseNpgsql(connectionString);
    }
    else
    {
        o.UseSqlite(connectionString).AddSqliteWalInterceptor(synchronous: config.GetValue("Synchronous", SqliteSynchronous.Full));
    }

    if (countCommands)
    {
        o.AddInterceptors(counter);
    }
}

if (config.GetValue("Pool", false))
{
    builder.Services.AddDbContextPool<BenchDbContext>(ConfigureContext);
}
else
{
    builder.Services.AddDbContext<BenchDbContext>(ConfigureContext);
}

var passkeys = builder.Services.AddPasskeys(o =>
    {
        o.RelyingPartyId = new Uri(origin).Host;
        o.RelyingPartyName = "Passkeys benchmark";
        o.Origins = [origin];
        o.CeremonyTimeout = TimeSpan.FromSeconds(config.GetValue("CeremonyTimeoutSeconds", 300));
    })
    .ConfigureHttp(o => o.RateLimitPermitLimit = 100_000_000);
if (db == "memory")
{
    passkeys.AddInMemoryStores();
}
else
{
    passkeys.AddEntityFrameworkStores<BenchDbContext>(sweeper => sweeper.Interval = TimeSpan.FromSeconds(config.GetValue("SweepSeconds", 300)));
    if (config.GetValue("MemoryCeremonies", false))
    {
        passkeys.AddInMemoryCeremonies();
    }
}

var app = builder.Build();

if (db != "memory")
{
    using var scope = app.Services.CreateScope();
    var context = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
    if (config.GetValue("Reset", false))
    {
        await context.Database.EnsureDeletedAsync();
    }

    await context.Database.EnsureCreatedAsync();
}

if (config.GetValue("SchemaOnly", false))
{
    return;
}

app.UseRateLimiter();
app.MapPasskeys();
app.MapGet("/bench/stats", async (IServiceProvider services) => new
{
    allocatedBytes = GC.GetTotalAllocatedBytes(),
    commands = counter.Count,
    jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(),
    gcCommittedBytes = GC.GetGCMemoryInfo().TotalCommittedBytes,
    ceremonies = services.GetRequiredService<IPasskeyCeremonyStore>() is InMemoryCeremonyStore inMemory
        ? inMemory.Count
        : await services.GetRequiredService<BenchDbContext>().Set<Passkeys.EntityFramework.PasskeyCeremonyEntity>().CountAsync(),
});

await app.RunAsync();
