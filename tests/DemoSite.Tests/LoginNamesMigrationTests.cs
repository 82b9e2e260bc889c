using DemoSite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Passkeys.EntityFramework.Stores;

namespace DemoSite.Tests;

/// <summary>
/// A database from before normalized names (upper case, no login names) can sign in by every name after start-up:
/// ASCII names by the migration's SQL, the others by the renormalization that runs once after it; and its addresses,
/// never verified, wait for verification as pending addresses.
/// </summary>
public class LoginNamesMigrationTests
{
    private const string SecurityStampMigration = "20261203105348_SecurityStamp";

    [Test]
    public async Task Users_from_before_normalized_names_are_found_by_any_spelling_after_start_up()
    {
        var file = Path.Combine(Path.GetTempPath(), $"names-migration-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<DemoDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await using (var context = new DemoDbContext(options))
            {
                await context.GetService<IMigrator>().MigrateAsync(SecurityStampMigration);
                foreach (var (id, name, email) in new[] { ("ascii", "Grace", "GRACE@Example.com"), ("umlaut", "Äda", null), ("nfd", "Jose\u0301", "JOSE\u0301@EXAMPLE.COM") })
                {
                    await context.Database.ExecuteSqlAsync(
                        $"INSERT INTO PasskeyUsers (Id, UserHandle, UserName, NormalizedUserName, DisplayName, Email, NormalizedEmail, CreatedAt, SecurityStamp) VALUES ({id}, {System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)}, {name}, {name.ToUpperInvariant()}, {name}, {email}, {email?.ToUpperInvariant()}, {0L}, {"stamp-" + id})");
                }

                await DatabaseSetup.MigrateSqliteAsync(context, new EntityFrameworkPasskeyStore<DemoDbContext>(context), NullLogger.Instance);
            }

            await using (var context = new DemoDbContext(options))
            {
                var store = new EntityFrameworkPasskeyStore<DemoDbContext>(context);
                Assert.Multiple(async () =>
                {
                    Assert.That((await store.FindByNameAsync("grace", default))?.Id, Is.EqualTo("ascii"));
                    Assert.That((await store.FindByEmailAsync("grace@example.com", default))?.Id, Is.Null, "an address never proved is no email");
                    Assert.That((await store.FindByIdAsync("ascii", default))?.PendingEmail, Is.EqualTo("GRACE@Example.com"), "it waits for verification");
                    Assert.That((await store.FindByNameAsync("äda", default))?.Id, Is.EqualTo("umlaut"), "case folding beyond ASCII");
                    Assert.That((await store.FindByNameAsync("JOSÉ", default))?.Id, Is.EqualTo("nfd"), "NFD stored, NFC typed");
                    Assert.That((await store.FindByIdAsync("nfd", default))?.PendingEmail, Is.EqualTo("JOSE\u0301@EXAMPLE.COM"));
                    Assert.That((await store.FindByNameAsync("grace@example.com", default))?.Id, Is.Null, "the old address is no login name");
                    Assert.That((await store.FindByIdAsync("umlaut", default))?.SecurityStamp, Is.EqualTo("stamp-umlaut"), "stamps stay");
                });

                var again = await store.RenormalizeNamesAsync();
                Assert.That(again.UsersRewritten, Is.Zero, "nothing is left to rewrite");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
