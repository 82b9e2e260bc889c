using Passkeys.EntityFramework.Stores;
using Passkeys.EntityFramework.Tests.Databases;
using Passkeys.Testing;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>
/// The shared store contract, against the EF stores on PostgreSQL. Needs <c>PASSKEYS_TEST_POSTGRES</c>; skips
/// without it, and fails without it when <c>CI=true</c>.
/// </summary>
[TestFixture]
public sealed class PostgresStoreContractTests : PasskeyStoreContractTests
{
    private PostgresTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await PostgresTestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    // Each set is one node: its own context (and connection) over the fixture's database.
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
