using DemoSite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.EntityFramework;

namespace DemoSite.Tests;

public class DatabaseTests
{
    [Test]
    public async Task Migrations_apply_to_an_empty_database_at_start_up_and_match_the_model()
    {
        using var site = new Infrastructure.DemoSiteFactory();
        Assert.That(File.Exists(site.DatabaseFile), Is.False);

        using var scope = site.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<DemoDbContext>();

        Assert.That(File.Exists(site.DatabaseFile), Is.True);
        Assert.That(await context.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await context.Database.GetAppliedMigrationsAsync(), Is.EquivalentTo(context.Database.GetMigrations()).And.Not.Empty);
        Assert.That(context.Database.HasPendingModelChanges(), Is.False, "Run dotnet ef migrations add in samples/DemoSite.");
        var tables = await context.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();
        Assert.That(tables, Is.SupersetOf(new[] { "PasskeyUsers", "PasskeyLoginNames", "PasskeyCredentials", "PasskeyCeremonies", "PasskeyLoginTokens", "DataProtectionKeys" }));
    }

    [Test]
    public async Task Sqlite_database_is_in_write_ahead_log_mode()
    {
        using var site = new Infrastructure.DemoSiteFactory();
        using var scope = site.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<DemoDbContext>();

        var mode = await context.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();

        Assert.That(mode, Is.EqualTo(new[] { "wal" }));
    }

    [Test]
    public async Task Sqlite_site_keeps_ceremonies_in_progress_in_memory_and_still_signs_in()
    {
        using var site = new Infrastructure.DemoSiteFactory();
        using var browser = site.CreateBrowser();
        await browser.SignUpAsync("memo", "memo@example.com");
        using var other = site.CreateBrowser();

        using var options = await other.SendJsonAsync(HttpMethod.Post, "/passkeys/login/options", "{}");

        Assert.That(options.IsSuccessStatusCode, Is.True);
        using (var scope = site.Services.CreateScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<DemoDbContext>().Set<PasskeyCeremonyEntity>().CountAsync();
            Assert.That(rows, Is.Zero, "no ceremony row on SQLite: one process, ceremonies in memory");
        }

        Assert.That(await browser.LogInAsync("memo"), Is.EqualTo("/profile"), "signed in");
    }

    [Test]
    public async Task Sqlite_site_keeps_its_data_protection_keys_out_of_the_database()
    {
        using var site = new Infrastructure.DemoSiteFactory();
        using var browser = site.CreateBrowser();

        await browser.SignUpAsync("keyring", "keyring@example.com");

        using var scope = site.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<DemoDbContext>().DataProtectionKeys.CountAsync(), Is.Zero,
            "one process on SQLite: the key ring stays where ASP.NET Core keeps it by default");
    }

    [Test]
    public async Task Sqlite_site_keeps_its_data_protection_keys_in_the_database_when_configured()
    {
        using var site = new Infrastructure.DemoSiteFactory(new Dictionary<string, string?> { ["DataProtection:KeysInDatabase"] = "true" });
        using var browser = site.CreateBrowser();

        await browser.SignUpAsync("keyring", "keyring@example.com");

        using var scope = site.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<DemoDbContext>().DataProtectionKeys.CountAsync(), Is.EqualTo(1));
        Assert.That(await browser.GetPageAsync("/profile"), Does.Contain("keyring"), "the session cookie is protected with that key");
    }

    [TestCase("Data Source=passkeys-demo.db", "/srv/demo/passkeys-demo.db")]
    [TestCase("Data Source=data/site.db;Cache=Shared", "/srv/demo/data/site.db")]
    [TestCase("Data Source=/var/lib/demo.db", "/var/lib/demo.db")]
    [TestCase("Data Source=:memory:", ":memory:")]
    [TestCase("Data Source=shared;Mode=Memory", "shared")]
    public void Relative_sqlite_file_lives_beside_the_app(string connectionString, string expected)
    {
        var resolved = DatabaseSetup.ResolveSqlite(connectionString, "/srv/demo");

        Assert.That(resolved.DataSource, Is.EqualTo(expected));
    }

    [TestCase("Npgsql", null, "ConnectionStrings:Passkeys is empty")]
    [TestCase("Oracle", null, "Use Sqlite (the default) or Npgsql")]
    public void Bad_database_configuration_fails_at_start_up_with_a_sentence(string provider, string? connectionString, string sentence)
    {
        using var site = new Infrastructure.DemoSiteFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Passkeys"] = connectionString,
        });

        Assert.That(() => site.Services, Throws.InvalidOperationException.With.Message.Contains(sentence));
    }
}
