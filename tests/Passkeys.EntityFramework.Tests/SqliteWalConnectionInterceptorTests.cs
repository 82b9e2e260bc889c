using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Passkeys.EntityFramework.Tests;

public class SqliteWalConnectionInterceptorTests
{
    private readonly List<string> _files = [];

    [TearDown]
    public void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in _files.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }).Where(File.Exists))
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Each_database_file_is_switched_to_WAL_once_and_every_connection_gets_the_busy_timeout()
    {
        var interceptor = new SqliteWalConnectionInterceptor(TimeSpan.FromSeconds(3));
        var first = NewFile();
        var second = NewFile();

        Assert.That(await OpenAndReadAsync(interceptor, first), Is.EqualTo(("wal", 3000L)));
        Assert.That(await OpenAndReadAsync(interceptor, second), Is.EqualTo(("wal", 3000L)), "another file is switched too");

        // Switch the first file back behind the interceptor's back: it does not send the journal mode again.
        await using (var raw = new SqliteConnection("Data Source=" + first + ";Pooling=False"))
        {
            await raw.OpenAsync();
            await ExecuteAsync(raw, "PRAGMA journal_mode = DELETE");
        }

        Assert.That(await OpenAndReadAsync(interceptor, first), Is.EqualTo(("delete", 3000L)));
    }

    [TestCase(null, 2L, TestName = "Every_commit_is_flushed_unless_asked_otherwise")]
    [TestCase(SqliteSynchronous.Full, 2L, TestName = "Synchronous_Full_flushes_every_commit")]
    [TestCase(SqliteSynchronous.Normal, 1L, TestName = "Synchronous_Normal_is_set_on_every_connection_when_chosen")]
    public async Task Synchronous_setting_reaches_the_connection(SqliteSynchronous? synchronous, long expected)
    {
        var interceptor = synchronous is { } chosen
            ? new SqliteWalConnectionInterceptor(TimeSpan.FromSeconds(1), chosen)
            : new SqliteWalConnectionInterceptor();
        var file = NewFile();

        // Twice: the second connection no longer sets WAL, and must still get the setting.
        for (var i = 0; i < 2; i++)
        {
            await using var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False");
            await connection.OpenAsync();
            await interceptor.ConnectionOpenedAsync(connection, null!);
            Assert.That(Convert.ToInt64(await ScalarAsync(connection, "PRAGMA synchronous"), CultureInfo.InvariantCulture), Is.EqualTo(expected));
        }
    }

    [Test]
    public void An_unknown_synchronous_value_is_refused()
        => Assert.That(() => new SqliteWalConnectionInterceptor(TimeSpan.FromSeconds(1), (SqliteSynchronous)7),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("SqliteSynchronous.Normal"));

    private string NewFile()
    {
        var file = Path.Combine(Path.GetTempPath(), "passkeys-wal-" + Guid.NewGuid().ToString("N") + ".db");
        _files.Add(file);
        return file;
    }

    private static async Task<(string JournalMode, long BusyTimeout)> OpenAndReadAsync(SqliteWalConnectionInterceptor interceptor, string file)
    {
        await using var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False");
        await connection.OpenAsync();
        await interceptor.ConnectionOpenedAsync(connection, null!);
        var journalMode = (string)(await ScalarAsync(connection, "PRAGMA journal_mode"))!;
        var busyTimeout = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA busy_timeout"), CultureInfo.InvariantCulture);
        return (journalMode, busyTimeout);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
