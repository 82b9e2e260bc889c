namespace DemoSite.Data;

/// <summary>
/// The <c>Database</c> configuration section: which EF Core provider holds the passkey tables.
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>The SQLite provider, the default: a file beside the app, created and migrated at start-up.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>The PostgreSQL provider: the tables are created from the model when the database is empty.</summary>
    public const string Npgsql = "Npgsql";

    /// <summary>Gets or sets the provider: <c>Sqlite</c> (default) or <c>Npgsql</c>.</summary>
    public string Provider { get; set; } = Sqlite;
}
