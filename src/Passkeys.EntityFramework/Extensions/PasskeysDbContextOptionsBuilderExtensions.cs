using Passkeys.EntityFramework;

namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Adds the SQLite connection settings that Passkeys for .NET recommends to a <see cref="DbContextOptionsBuilder"/>.
/// </summary>
public static class PasskeysDbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Turns on SQLite's write-ahead log (<c>PRAGMA journal_mode=WAL</c>) and sets a busy timeout
    /// (<c>PRAGMA busy_timeout</c>) each time the context opens a SQLite connection, so that concurrent sign-ins
    /// wait briefly for the write lock instead of failing or stalling. Connections of other providers are left alone.
    /// </summary>
    /// <remarks>
    /// Recommended for every app that keeps passkeys in a SQLite file:
    /// <code>
    /// services.AddDbContext&lt;AppDbContext&gt;(o => o.UseSqlite("Data Source=app.db").AddSqliteWalInterceptor());
    /// </code>
    /// </remarks>
    /// <param name="optionsBuilder">The context options builder.</param>
    /// <param name="busyTimeout">How long SQLite waits for a lock; <see langword="null"/> for 5 seconds.</param>
    /// <param name="synchronous">
    /// When SQLite waits for the disk: <see cref="SqliteSynchronous.Full"/> (the default) flushes every commit;
    /// <see cref="SqliteSynchronous.Normal"/> is faster but can lose the last commits in a power loss.
    /// </param>
    /// <returns>The options builder.</returns>
    public static DbContextOptionsBuilder AddSqliteWalInterceptor(
        this DbContextOptionsBuilder optionsBuilder, TimeSpan? busyTimeout = null, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        return optionsBuilder.AddInterceptors(
            new SqliteWalConnectionInterceptor(busyTimeout ?? SqliteWalConnectionInterceptor.DefaultBusyTimeout, synchronous));
    }
}
