using Passkeys.EntityFramework.Tests.Databases;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>
/// The shared email outbox contract, against the EF store on PostgreSQL, where concurrent claimers really race.
/// Needs <c>PASSKEYS_TEST_POSTGRES</c>; skips without it, and fails without it when <c>CI=true</c>.
/// </summary>
[TestFixture]
public sealed class PostgresEmailOutboxContractTests : EntityFrameworkEmailOutboxContractTests
{
    protected override async Task<ITestDatabase> CreateDatabaseCoreAsync() => await PostgresTestDatabase.CreateAsync();
}
