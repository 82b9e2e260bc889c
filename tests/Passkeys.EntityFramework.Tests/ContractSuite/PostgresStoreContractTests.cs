using Passkeys.EntityFramework.Tests.Databases;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>
/// The shared store contract, against the EF stores on PostgreSQL. Needs <c>PASSKEYS_TEST_POSTGRES</c>; skips
/// without it, and fails without it when <c>CI=true</c>.
/// </summary>
[TestFixture]
public sealed class PostgresStoreContractTests : EntityFrameworkStoreContractTests
{
    protected override async Task<ITestDatabase> CreateDatabaseCoreAsync() => await PostgresTestDatabase.CreateAsync();
}
