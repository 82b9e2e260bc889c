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
