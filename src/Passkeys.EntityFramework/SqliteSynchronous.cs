namespace Passkeys.EntityFramework;

/// <summary>
/// When SQLite waits for the disk (<c>PRAGMA synchronous</c>) on the connections that
/// <see cref="SqliteWalConnectionInterceptor"/> configures.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// Every commit is on disk before it returns (SQLite's default): a sign-up, a deleted passkey or a sign count
    /// survives a power loss. Costs one disk flush per write, most of a sign-in's database time on SQLite.
    /// </summary>
    Full = 0,

    /// <summary>
    /// In WAL mode, commits are flushed at checkpoints instead of one by one. The database is never corrupted, and
    /// an app crash loses nothing, but a power loss or operating-system crash can undo the last commits: a new
    /// passkey can be forgotten, a deleted one can come back, and a sign count can step back. Choose it knowingly,
    /// for example where the disk has its own battery-backed cache.
    /// </summary>
    Normal = 1,
}
