using Passkeys.EntityFramework.Tests.Databases;

namespace Passkeys.EntityFramework.Tests.ContractSuite;

/// <summary>The shared email outbox contract, against the EF store on a SQLite file in WAL mode.</summary>
[TestFixture]
public sealed class SqliteEmailOutboxContractTests : EntityFrameworkEmailOutboxContractTests
{
    protected override async Task<ITestDatabase> CreateDatabaseCoreAsync() => await SqliteTestDatabase.CreateAsync();
}
