using Microsoft.EntityFrameworkCore;
using Passkeys.EntityFramework.Stores;
using Passkeys.EntityFramework.Tests.Databases;
using Passkeys.Stores;
using Passkeys.Testing;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>The shared email outbox contract against the EF store, once per provider.</summary>
public abstract class EntityFrameworkEmailOutboxContractTests : PasskeyEmailOutboxStoreContractTests
{
    private readonly List<TestDbContext> _contexts = [];
    private ITestDatabase? _database;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await CreateDatabaseCoreAsync();

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [TearDown]
    public async Task DisposeContextsAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        _contexts.Clear();
    }

    protected abstract Task<ITestDatabase> CreateDatabaseCoreAsync();

    // Each store is one node: its own context (and connection) over the fixture's database.
    protected override ValueTask<IPasskeyEmailOutboxStore> CreateStoreAsync(TimeProvider time)
    {
        var context = _database!.CreateContext();
        _contexts.Add(context);
        return ValueTask.FromResult<IPasskeyEmailOutboxStore>(new EntityFrameworkEmailOutboxStore<TestDbContext>(context, time));
    }

    protected override async Task EmptyOutboxAsync()
    {
        await using var context = _database!.CreateContext();
        await context.Set<PasskeyEmailOutboxEntity>().ExecuteDeleteAsync();
    }
}
