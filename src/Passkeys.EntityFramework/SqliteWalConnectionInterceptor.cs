using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Passkeys.EntityFramework;

/// <summary>
/// Sets <c>PRAGMA busy_timeout</c> and <c>PRAGMA journal_mode=WAL</c> (and, when asked,
/// <c>PRAGMA synchronous=NORMAL</c>) on every SQLite connection the context opens, and leaves connections of other
/// providers alone.
/// </summary>
/// <remarks>
/// <para>
/// In WAL mode readers do not block the writer and the writer does not block readers, and with a busy timeout
/// SQLite waits for a lock in short steps instead of failing. Without them, Microsoft.Data.Sqlite answers a
/// locked database by sleeping 150 ms and retrying, which shows up as sign-ins that take over a second under load.
/// </para>
/// <para>
/// The journal mode is stored in the database file, so WAL is set once per database file; the busy timeout
/// belongs to each connection and is set on every open. WAL needs a database file: in-memory databases keep their
/// own journal mode.
/// Add it with <c>optionsBuilder.AddSqliteWalInterceptor()</c>.
/// </para>
/// </remarks>
/// <param name="busyTimeout">How long SQLite waits for a lock before it reports the database busy.</param>
/// <param name="synchronous">When SQLite waits for the disk; see <see cref="SqliteSynchronous"/>.</param>
public sealed class SqliteWalConnectionInterceptor(TimeSpan busyTimeout, SqliteSynchronous synchronous = SqliteSynchronous.Full) : DbConnectionInterceptor
{
    // Database files already switched to WAL: EF opens a connection per command, so this saves a statement each time.
    private readonly ConcurrentDictionary<string, bool> _walDatabases = new(StringComparer.Ordinal);

    /// <summary>
    /// The busy timeout used when none is given: 5 seconds.
    /// </summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Initializes a new instance of <see cref="SqliteWalConnectionInterceptor"/> with the
    /// <see cref="DefaultBusyTimeout"/>.
    /// </summary>
    public SqliteWalConnectionInterceptor()
        : this(DefaultBusyTimeout)
    {
    }

    /// <summary>
    /// Gets when SQLite waits for the disk: at every commit (<see cref="SqliteSynchronous.Full"/>, the default) or
    /// at checkpoints only (<see cref="SqliteSynchronous.Normal"/>).
    /// </summary>
    public SqliteSynchronous Synchronous { get; } = Enum.IsDefined(synchronous)
        ? synchronous
        : throw new ArgumentOutOfRangeException(nameof(synchronous), "Choose SqliteSynchronous.Full or SqliteSynchronous.Normal.");

    /// <summary>
    /// Gets how long SQLite waits for a lock before it reports the database busy.
    /// </summary>
    public TimeSpan BusyTimeout { get; } = busyTimeout >= TimeSpan.Zero
        ? busyTimeout
        : throw new ArgumentOutOfRangeException(nameof(busyTimeout), "The busy timeout must not be negative.");

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsSqlite(connection))
        {
            using var command = CreateCommand(connection, out var settingWal);
            command.ExecuteNonQuery();
            Remember(connection, settingWal);
        }
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsSqlite(connection))
        {
            var command = CreateCommand(connection, out var settingWal);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            Remember(connection, settingWal);
        }
    }

    // Microsoft.Data.Sqlite's SqliteConnection, recognised by name so that this package needs no SQLite reference.
    private static bool IsSqlite(DbConnection connection) => connection.GetType().Name == "SqliteConnection";

    private DbCommand CreateCommand(DbConnection connection, out bool settingWal)
    {
        var command = connection.CreateCommand();
        var milliseconds = ((long)BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        settingWal = !_walDatabases.ContainsKey(connection.DataSource);

        // The busy timeout comes first, so that switching the journal mode waits for a lock too.
#pragma warning disable CA2100 // The text holds only a number formatted here.
        command.CommandText = "PRAGMA busy_timeout = " + milliseconds + ";"
            + (Synchronous == SqliteSynchronous.Normal ? " PRAGMA synchronous = NORMAL;" : string.Empty)
            + (settingWal ? " PRAGMA journal_mode = WAL;" : string.Empty);
#pragma warning restore CA2100
        return command;
    }

    private void Remember(DbConnection connection, bool settingWal)
    {
        // In-memory databases (empty or ":memory:" data source) are separate databases per connection.
        if (settingWal && connection.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            _walDatabases.TryAdd(file, true);
        }
    }
}
