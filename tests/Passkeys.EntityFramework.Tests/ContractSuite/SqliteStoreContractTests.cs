using Passkeys.EntityFramework.Stores;
using Passkeys.EntityFramework.Tests.Databases;
using Passkeys.Testing;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>The shared store contract, against the EF stores on a SQLite file in WAL mode.</summary>
[TestFixture]
public sealed class SqliteStoreContractTests : PasskeyStoreContractTests
{
    private SqliteTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await SqliteTestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    // Each set is one node: its own context (and connection) over the shared database file.
    protected override ValueTask<PasskeyStoreSet> CreateStoresAsync(TimeProvider time)
    {
        var context = _database.CreateContext();
        var store = new EntityFrameworkPasskeyStore<TestDbContext>(context);
        return ValueTask.FromResult(new PasskeyStoreSet(
            store,
            store,
            new EntityFrameworkCeremonyStore<TestDbContext>(context, time),
            new EntityFrameworkLoginTokenStore<TestDbContext>(context, time),
            owner: context));
    }
}
