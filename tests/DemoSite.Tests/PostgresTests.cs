using DemoSite.Tests.Infrastructure;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
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

    [Test]
    public async Task Two_nodes_on_postgres_share_one_key_ring_in_the_database_and_each_reads_the_others_cookies()
    {
        using var nodeA = CreateSite();
        using var nodeB = CreateSite();
        var cookies = new CookieContainer();
        using var onA = Browser(nodeA, cookies);
        using var onB = Browser(nodeB, cookies, onA.Authenticator);

        // Options from A, response to B: the ceremony row and the ceremony cookie cross nodes; B sets the session.
        var options = await onA.PostJsonAsync("/passkeys/register/options", """{"userName":"twonodes","email":"two@example.com"}""");
        await onB.PostJsonAsync("/passkeys/register", onA.Authenticator.CreateCredential(options));
        using var onAccountA = await onA.SendJsonAsync(HttpMethod.Get, "/passkeys/account");
        var loginOptions = await onB.PostJsonAsync("/passkeys/login/options", """{"userName":"twonodes"}""");
        await onA.PostJsonAsync("/passkeys/login", onA.Authenticator.GetAssertion(loginOptions));
        using var onAccountB = await onB.SendJsonAsync(HttpMethod.Get, "/passkeys/account");

        Assert.That(onAccountA.StatusCode, Is.EqualTo(HttpStatusCode.OK), "A reads the session cookie B issued");
        Assert.That(onAccountB.StatusCode, Is.EqualTo(HttpStatusCode.OK), "B reads the session cookie A issued");
        using var scope = nodeA.Services.CreateScope();
        var keys = await scope.ServiceProvider.GetRequiredService<DemoSite.Data.DemoDbContext>().DataProtectionKeys.CountAsync();
        Assert.That(keys, Is.EqualTo(1), "one key ring in the database, made by the first node and used by both");
    }

    private static SiteBrowser Browser(DemoSiteFactory site, CookieContainer cookies, Passkeys.Testing.SoftwareAuthenticator? authenticator = null)
        => new(site.CreateDefaultClient(new CookieContainerHandler(cookies)), site.Mailbox, DemoSiteFactory.Origin, authenticator);

    // The site on this run's database.
    private DemoSiteFactory CreateSite() => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Npgsql",
        ["ConnectionStrings:Passkeys"] = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ToString(),
    });
}
