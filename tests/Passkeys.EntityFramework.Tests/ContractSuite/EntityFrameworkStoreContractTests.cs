using Passkeys.EntityFramework.Stores;
using Passkeys.EntityFramework.Tests.Databases;
using Passkeys.Testing;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>The shared store contract against the EF stores, once per provider.</summary>
public abstract class EntityFrameworkStoreContractTests : PasskeyStoreContractTests
{
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

    protected abstract Task<ITestDatabase> CreateDatabaseCoreAsync();

    /// <summary>
    /// Gets a value indicating whether the stores' context retries on failure, as an app with
    /// <c>EnableRetryOnFailure()</c> configures it: such a strategy refuses a transaction begun outside it.
    /// </summary>
    protected virtual bool Retrying => false;

    // Each set is one node: its own context (and connection) over the fixture's database.
    protected override ValueTask<PasskeyStoreSet> CreateStoresAsync(TimeProvider time)
    {
        var context = Retrying ? _database!.CreateRetryingContext() : _database!.CreateContext();
        var store = new EntityFrameworkPasskeyStore<TestDbContext>(context);
        return ValueTask.FromResult(new PasskeyStoreSet(
            store,
            store,
            new EntityFrameworkCeremonyStore<TestDbContext>(context, time),
            new EntityFrameworkLoginTokenStore<TestDbContext>(context, time),
            owner: context));
    }
}
