using Microsoft.EntityFrameworkCore;
using Passkeys.EntityFramework.Tests.Databases;

namespace Passkeys.EntityFramework.Tests;

[TestFixture]
public sealed class SqliteStoreTests : EntityFrameworkStoreTests
{
    [Test]
    public async Task Interceptor_puts_the_database_in_WAL_mode_with_a_busy_timeout()
    {
        await using var context = ((SqliteTestDatabase)Database).CreateContext();
        await context.Database.OpenConnectionAsync();
        var connection = context.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        var journalMode = (string?)await command.ExecuteScalarAsync();
        command.CommandText = "PRAGMA busy_timeout";
        var busyTimeout = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(journalMode, Is.EqualTo("wal"));
            Assert.That(busyTimeout, Is.EqualTo(5000));
        });
    }

    protected override async Task<ITestDatabase> CreateDatabaseCoreAsync() => await SqliteTestDatabase.CreateAsync();
}
