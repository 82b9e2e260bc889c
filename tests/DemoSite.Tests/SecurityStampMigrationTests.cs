using DemoSite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Stores;

namespace DemoSite.Tests;

/// <summary>A database from before security stamps gives each existing user a random stamp of their own.</summary>
public class SecurityStampMigrationTests
{
    private const string InitialMigration = "20261128115207_InitialPasskeys";

    [Test]
    public async Task Users_from_before_the_stamp_get_a_random_stamp_each_and_can_still_be_read()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stamp-migration-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<DemoDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await using (var context = new DemoDbContext(options))
            {
                await context.GetService<IMigrator>().MigrateAsync(InitialMigration);
                for (var i = 0; i < 20; i++)
                {
                    await context.Database.ExecuteSqlAsync(
                        $"INSERT INTO PasskeyUsers (Id, UserHandle, UserName, NormalizedUserName, DisplayName, CreatedAt) VALUES ({"old-" + i}, {System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)}, {"old" + i}, {"OLD" + i}, {"Old " + i}, {0L})");
                }

                await context.Database.MigrateAsync();
            }

            await using (var context = new DemoDbContext(options))
            {
                var stamps = await context.Database.SqlQueryRaw<string>("SELECT SecurityStamp AS Value FROM PasskeyUsers").ToListAsync();
                Assert.Multiple(() =>
                {
                    Assert.That(stamps, Has.Count.EqualTo(20));
                    Assert.That(stamps, Is.All.Length.EqualTo(64), "256 bits as hex");
                    Assert.That(stamps.Distinct().Count(), Is.EqualTo(20), "a stamp of their own each");
                });

                var services = new ServiceCollection().AddSingleton(context);
                services.AddPasskeys(o => { o.RelyingPartyId = "localhost"; o.RelyingPartyName = "Demo"; o.Origins = ["http://localhost"]; })
                    .AddEntityFrameworkStores<DemoDbContext>();
                await using var provider = services.BuildServiceProvider();
                using var scope = provider.CreateScope();
                var user = await scope.ServiceProvider.GetRequiredService<IPasskeyUserStore>().FindByNameAsync("old3", CancellationToken.None);
                Assert.That(user?.SecurityStamp, Is.AnyOf([.. stamps]), "the store reads the migrated stamp");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
