using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Passkeys.Testing;

namespace Passkeys.LoadGenerator;

/// <summary>
/// Fills a PasskeysServer database directly (SQLite or PostgreSQL): the schema comes from the server's own
/// <c>EnsureCreated</c>, then users and credentials are bulk inserted (one transaction in SQLite, binary COPY in
/// PostgreSQL). Most rows are random; the first ones carry the public keys of software authenticators that the load
/// clients hold, so logins verify against seeded rows.
/// </summary>
internal static class ScaleSeeder
{
    public static List<SoftwareAuthenticator> CreateOwnedAuthenticators(string origin, int count)
    {
        var rpId = new Uri(origin).Host;
        var authenticators = new List<SoftwareAuthenticator>(count);
        for (var i = 0; i < count; i++)
        {
            var authenticator = new SoftwareAuthenticator { Origin = origin, Counter = SoftwareCounter.Incrementing };
            var handle = Base64Url(RandomNumberGenerator.GetBytes(32));
            var challenge = Base64Url(RandomNumberGenerator.GetBytes(32));
            authenticator.CreateCredential($$"""
                {"rp":{"id":"{{rpId}}","name":"Seed"},"user":{"id":"{{handle}}","name":"owned{{i}}","displayName":"owned{{i}}"},
                 "challenge":"{{challenge}}","pubKeyCredParams":[{"type":"public-key","alg":-7}],
                 "authenticatorSelection":{"residentKey":"required","requireResidentKey":true,"userVerification":"required"},"attestation":"none"}
                """);
            authenticators.Add(authenticator);
        }

        return authenticators;
    }

    public static async Task SeedSqliteAsync(string databasePath, int total, IReadOnlyList<SoftwareAuthenticator> owned)
    {
        await ServerProcess.RunToEndAsync("PasskeysServer", Path.GetDirectoryName(databasePath)!,
            "--SchemaOnly", "true", "--Reset", "true", "--ConnectionString", $"Data Source={databasePath}").ConfigureAwait(false);

        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync().ConfigureAwait(false);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var users = connection.CreateCommand();
        users.Transaction = transaction;
        users.CommandText = """
            INSERT INTO "PasskeyUsers" ("Id", "UserHandle", "UserName", "NormalizedUserName", "DisplayName", "Email", "NormalizedEmail", "CreatedAt", "SecurityStamp")
            VALUES ($id, $handle, $name, $normalized, $name, NULL, NULL, $created, $stamp);
            INSERT INTO "PasskeyLoginNames" ("NormalizedName", "UserId") VALUES ($normalized, $id);
            """;
        var uId = users.Parameters.Add("$id", SqliteType.Text);
        var uHandle = users.Parameters.Add("$handle", SqliteType.Blob);
        var uName = users.Parameters.Add("$name", SqliteType.Text);
        var uNormalized = users.Parameters.Add("$normalized", SqliteType.Text);
        var uCreated = users.Parameters.Add("$created", SqliteType.Integer);
        var uStamp = users.Parameters.Add("$stamp", SqliteType.Text);

        await using var credentials = connection.CreateCommand();
        credentials.Transaction = transaction;
        credentials.CommandText = """
            INSERT INTO "PasskeyCredentials" ("CredentialId", "UserId", "PublicKey", "SignCount", "Transports", "Aaguid", "AttestationFormat",
                "IsBackupEligible", "IsBackedUp", "IsUserVerified", "CreatedAt", "LastUsedAt", "Name")
            VALUES ($id, $user, $key, 0, 'internal,hybrid', '00000000-0000-0000-0000-000000000000', 'none', 0, 0, 1, $created, NULL, NULL)
            """;
        var cId = credentials.Parameters.Add("$id", SqliteType.Blob);
        var cUser = credentials.Parameters.Add("$user", SqliteType.Text);
        var cKey = credentials.Parameters.Add("$key", SqliteType.Blob);
        var cCreated = credentials.Parameters.Add("$created", SqliteType.Integer);
        users.Prepare();
        credentials.Prepare();

        var created = DateTimeOffset.UtcNow.UtcTicks;
        foreach (var row in Rows(total, owned))
        {
            uId.Value = row.UserId;
            uHandle.Value = row.Handle;
            uName.Value = row.Name;
            uNormalized.Value = PasskeyNameNormalizer.Normalize(row.Name);
            uCreated.Value = created;
            uStamp.Value = PasskeySecurityStamp.Create();
            await users.ExecuteNonQueryAsync().ConfigureAwait(false);

            cId.Value = row.CredentialId;
            cUser.Value = row.UserId;
            cKey.Value = row.PublicKey;
            cCreated.Value = created;
            await credentials.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The same rows in PostgreSQL: the server makes the schema (<c>--Reset</c> drops and recreates the database), then
    /// binary COPY loads users and then credentials, and <c>ANALYZE</c> gives the planner the tables' real sizes.
    /// </summary>
    public static async Task SeedPostgresAsync(string connectionString, int total, IReadOnlyList<SoftwareAuthenticator> owned)
    {
        await ServerProcess.RunToEndAsync("PasskeysServer", Paths.ServerOutput("PasskeysServer"),
            "--Db", "postgres", "--SchemaOnly", "true", "--Reset", "true", "--ConnectionString", connectionString).ConfigureAwait(false);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        var created = DateTimeOffset.UtcNow.UtcTicks;
        await CopyUsersAsync(connection, total, owned, created).ConfigureAwait(false);
        await CopyLoginNamesAsync(connection, total, owned).ConfigureAwait(false);
        await CopyCredentialsAsync(connection, total, owned, created).ConfigureAwait(false);
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public static async Task<double> PostgresMiBAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await size.ExecuteScalarAsync().ConfigureAwait(false))! / 1048576.0;
    }

    /// <summary>Drops the scale databases through a connection to the given (maintenance) database.</summary>
    public static async Task DropPostgresAsync(string maintenanceConnectionString, IEnumerable<string> databases)
    {
        // The seeder's pooled connections would otherwise hold the databases open; FORCE ends any server backend
        // still closing.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(maintenanceConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var database in databases)
        {
#pragma warning disable CA2100 // The name is the run's own database name, quoted here.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
#pragma warning restore CA2100
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    // Email and NormalizedEmail are left out of the column list, so they are NULL.
    private static async Task CopyUsersAsync(NpgsqlConnection connection, int total, IReadOnlyList<SoftwareAuthenticator> owned, long created)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY "PasskeyUsers" ("Id", "UserHandle", "UserName", "NormalizedUserName", "DisplayName", "CreatedAt", "SecurityStamp") FROM STDIN (FORMAT BINARY)
            """).ConfigureAwait(false);
        foreach (var row in Rows(total, owned))
        {
            await writer.StartRowAsync().ConfigureAwait(false);
            await writer.WriteAsync(row.UserId, NpgsqlDbType.Varchar).ConfigureAwait(false);
            await writer.WriteAsync(row.Handle, NpgsqlDbType.Bytea).ConfigureAwait(false);
            await writer.WriteAsync(row.Name, NpgsqlDbType.Varchar).ConfigureAwait(false);
            await writer.WriteAsync(PasskeyNameNormalizer.Normalize(row.Name), NpgsqlDbType.Varchar).ConfigureAwait(false);
            await writer.WriteAsync(row.Name, NpgsqlDbType.Varchar).ConfigureAwait(false);
            await writer.WriteAsync(created, NpgsqlDbType.Bigint).ConfigureAwait(false);
            await writer.WriteAsync(PasskeySecurityStamp.Create(), NpgsqlDbType.Varchar).ConfigureAwait(false);
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }

    // Each user's name in the one namespace of names and emails (the users have no email).
    private static async Task CopyLoginNamesAsync(NpgsqlConnection connection, int total, IReadOnlyList<SoftwareAuthenticator> owned)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY "PasskeyLoginNames" ("NormalizedName", "UserId") FROM STDIN (FORMAT BINARY)
            """).ConfigureAwait(false);
        foreach (var row in Rows(total, owned))
        {
            await writer.StartRowAsync().ConfigureAwait(false);
            await writer.WriteAsync(PasskeyNameNormalizer.Normalize(row.Name), NpgsqlDbType.Varchar).ConfigureAwait(false);
            await writer.WriteAsync(row.UserId, NpgsqlDbType.Varchar).ConfigureAwait(false);
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }


    // LastUsedAt and Name are left out of the column list, so they are NULL; instants are UTC ticks as the model stores them.
    private static async Task CopyCredentialsAsync(NpgsqlConnection connection, int total, IReadOnlyList<SoftwareAuthenticator> owned, long created)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY "PasskeyCredentials" ("CredentialId", "UserId", "PublicKey", "SignCount", "Transports", "Aaguid", "AttestationFormat",
                "IsBackupEligible", "IsBackedUp", "IsUserVerified", "CreatedAt") FROM STDIN (FORMAT BINARY)
            """).ConfigureAwait(false);
        foreach (var row in Rows(total, owned))
        {
            await writer.StartRowAsync().ConfigureAwait(false);
            await writer.WriteAsync(row.CredentialId, NpgsqlDbType.Bytea).ConfigureAwait(false);
            await writer.WriteAsync(row.UserId, NpgsqlDbType.Varchar).ConfigureAwait(false);
            await writer.WriteAsync(row.PublicKey, NpgsqlDbType.Bytea).ConfigureAwait(false);
            await writer.WriteAsync(0L, NpgsqlDbType.Bigint).ConfigureAwait(false);
            await writer.WriteAsync("internal,hybrid", NpgsqlDbType.Varchar).ConfigureAwait(false);
            await writer.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid).ConfigureAwait(false);
            await writer.WriteAsync("none", NpgsqlDbType.Varchar).ConfigureAwait(false);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean).ConfigureAwait(false);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean).ConfigureAwait(false);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean).ConfigureAwait(false);
            await writer.WriteAsync(created, NpgsqlDbType.Bigint).ConfigureAwait(false);
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// One user and their credential per row: the owned authenticators' credentials first, then random ones that all
    /// share one public key. The seed is fixed, so enumerating twice gives the same rows (PostgreSQL copies the users
    /// and then the credentials that reference them).
    /// </summary>
    private static IEnumerable<SeedRow> Rows(int total, IReadOnlyList<SoftwareAuthenticator> owned)
    {
        var random = new Random(20_250_101);
        var randomKey = owned.Count > 0 ? owned[0].Credentials[0].PublicKey : Bytes(random, 77);
        for (var i = 0; i < total; i++)
        {
            var userId = new Guid(Bytes(random, 16)).ToString("N");
            var name = "user" + i.ToString(CultureInfo.InvariantCulture);
            if (i < owned.Count)
            {
                var credential = owned[i].Credentials[0];
                yield return new SeedRow(userId, name, credential.UserHandle, credential.Id, credential.PublicKey);
            }
            else
            {
                yield return new SeedRow(userId, name, Bytes(random, 32), Bytes(random, 16), randomKey);
            }
        }
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
#pragma warning disable CA5394 // Test data: a seeded generator is what makes the rows repeatable.
        random.NextBytes(bytes);
#pragma warning restore CA5394
        return bytes;
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private readonly record struct SeedRow(string UserId, string Name, byte[] Handle, byte[] CredentialId, byte[] PublicKey);
}
