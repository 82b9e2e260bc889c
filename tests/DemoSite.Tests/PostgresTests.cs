using DemoSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DemoSite.Tests;

/// <summary>
/// The site on PostgreSQL (<c>Database:Provider = Npgsql</c>), when <c>PASSKEYS_TEST_POSTGRES</c> names a server
/// whose role may create databases; each run creates its own database and drops it.
/// </summary>
public class PostgresTests
{
    private const string Variable = "PASSKEYS_TEST_POSTGRES";

    private string _adminConnectionString = null!;
    private string _databaseName = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        var adminConnectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(adminConnectionString))
        {
            var why = $"{Variable} is not set; see src/Passkeys.EntityFramework/README.md for a local PostgreSQL.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        _adminConnectionString = adminConnectionString;
        _databaseName = $"demosite_test_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_databaseName is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Site_on_postgres_creates_its_tables_and_signs_up_a_user()
    {
        using var site = CreateSite();
        using var browser = site.CreateBrowser();

        await browser.SignUpAsync("postgres", "postgres@example.com", "Post Gres");
        var html = await browser.GetPageAsync("/profile");

        Assert.That(html, Does.Contain(">Post Gres<"));
        using var options = await site.CreateBrowser().SendJsonAsync(HttpMethod.Post, "/passkeys/login/options", "{}");
        Assert.That(options.IsSuccessStatusCode, Is.True);
        using (var scope = site.Services.CreateScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<DemoSite.Data.DemoDbContext>().Set<Passkeys.EntityFramework.PasskeyCeremonyEntity>().CountAsync();
            Assert.That(rows, Is.EqualTo(1), "on PostgreSQL the ceremony is in the shared table, for any node to complete");
        }

        Assert.That(File.Exists(site.DatabaseFile), Is.False, "No SQLite file is made on PostgreSQL.");
    }

    [Test]
    public async Task Email_link_session_adds_one_passkey_on_postgres_and_is_refused_a_second_and_a_deletion()
    {
        using var site = CreateSite();

        await EmailLoginTests.RecoverAddingOnePasskeyAsync(site, "pgrecoverer");
    }

    [Test]
    public async Task Deleting_the_account_on_postgres_deletes_it_everywhere()
    {
        using var site = CreateSite();

        await AccountDeletionTests.DeleteAndCheckAsync(site, "pgleaver");
    }

    [Test]
    public async Task Two_sessions_deleting_the_account_at_once_on_postgres_delete_it_once_and_the_other_is_401()
    {
        using var site = CreateSite();

        await AccountDeletionTests.RaceAsync(site, "pgracer");
    }

    // The site on this run's database.
    private DemoSiteFactory CreateSite() => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Npgsql",
        ["ConnectionStrings:Passkeys"] = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ToString(),
    });
}
