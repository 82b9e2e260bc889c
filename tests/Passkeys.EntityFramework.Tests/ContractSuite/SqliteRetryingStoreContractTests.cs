using Passkeys.EntityFramework.Tests.Databases;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>
/// The shared store contract, against the EF stores on SQLite with a strategy that retries on failure, so that a
/// transaction opened outside the strategy fails here too, on machines without PostgreSQL.
/// </summary>
[TestFixture]
public sealed class SqliteRetryingStoreContractTests : EntityFrameworkStoreContractTests
{
    protected override bool Retrying => true;

    protected override async Task<ITestDatabase> CreateDatabaseCoreAsync() => await SqliteTestDatabase.CreateAsync();
}
