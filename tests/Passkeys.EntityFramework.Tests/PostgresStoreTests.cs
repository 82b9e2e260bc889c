using Passkeys.EntityFramework.Tests.Databases;

namespace Passkeys.EntityFramework.Tests;

/// <summary>Needs <c>PASSKEYS_TEST_POSTGRES</c>; skips without it, and fails without it when <c>CI=true</c>.</summary>
[TestFixture]
public sealed class PostgresStoreTests : EntityFrameworkStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseCoreAsync() => await PostgresTestDatabase.CreateAsync();
}
