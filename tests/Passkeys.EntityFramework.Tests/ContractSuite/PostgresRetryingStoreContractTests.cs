using Passkeys.EntityFramework.Tests.Databases;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>
/// The shared store contract, against the EF stores on PostgreSQL with Npgsql's retrying execution strategy
/// (<c>EnableRetryOnFailure()</c>), which apps turn on to ride out a database restart: every transaction the stores
/// open must run inside the strategy. Needs <c>PASSKEYS_TEST_POSTGRES</c>; skips without it, and fails without it when
/// <c>CI=true</c>.
/// </summary>
[TestFixture]
public sealed class PostgresRetryingStoreContractTests : EntityFrameworkStoreContractTests
{
    protected override bool Retrying => true;

    protected override async Task<ITestDatabase> CreateDatabaseCoreAsync() => await PostgresTestDatabase.CreateAsync();
}
