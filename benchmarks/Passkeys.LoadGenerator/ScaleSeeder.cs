using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Passkeys.Testing;

namespace Passkeys.LoadGenerator;

/// <summary>
/// Fills a PasskeysServer database directly: the schema comes from the server's own <c>EnsureCreated</c>, then
/// users and credentials are bulk inserted in one transaction. Most rows are random; the first ones carry the public
/// keys of software authenticators that the load clients hold, so logins verify against seeded rows.
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
            INSERT INTO "PasskeyUsers" ("Id", "UserHandle", "UserName", "NormalizedUserName", "DisplayName", "Email", "NormalizedEmail", "CreatedAt")
            VALUES ($id, $handle, $name, $normalized, $name, NULL, NULL, $created)
            """;
        var uId = users.Parameters.Add("$id", SqliteType.Text);
        var uHandle = users.Parameters.Add("$handle", SqliteType.Blob);
        var uName = users.Parameters.Add("$name", SqliteType.Text);
        var uNormalized = users.Parameters.Add("$normalized", SqliteType.Text);
        var uCreated = users.Parameters.Add("$created", SqliteType.Integer);

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
        var randomKey = owned.Count > 0 ? owned[0].Credentials[0].PublicKey : RandomNumberGenerator.GetBytes(77);
        for (var i = 0; i < total; i++)
        {
            var userId = Guid.NewGuid().ToString("N");
            var name = "user" + i.ToString(CultureInfo.InvariantCulture);
            byte[] handle, credentialId, publicKey;
            if (i < owned.Count)
            {
                var credential = owned[i].Credentials[0];
                (handle, credentialId, publicKey) = (credential.UserHandle, credential.Id, credential.PublicKey);
            }
            else
            {
                (handle, credentialId, publicKey) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(16), randomKey);
            }

            uId.Value = userId;
            uHandle.Value = handle;
            uName.Value = name;
            uNormalized.Value = name.ToUpperInvariant();
            uCreated.Value = created;
            await users.ExecuteNonQueryAsync().ConfigureAwait(false);

            cId.Value = credentialId;
            cUser.Value = userId;
            cKey.Value = publicKey;
            cCreated.Value = created;
            await credentials.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
