using Microsoft.EntityFrameworkCore;

namespace PasskeysServer;

/// <summary>The app's own context: nothing but the passkey tables, as an app that adopts the library would start.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UsePasskeys();
    }
}
