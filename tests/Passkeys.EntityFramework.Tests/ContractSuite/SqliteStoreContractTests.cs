using Passkeys.EntityFramework.Tests.Databases;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>The shared store contract, against the EF stores on a SQLite file in WAL mode.</summary>
[TestFixture]
public sealed class SqliteStoreContractTests : EntityFrameworkStoreContractTests
{
    protected override async Task<ITestDatabase> CreateDatabaseCoreAsync() => await SqliteTestDatabase.CreateAsync();
}
