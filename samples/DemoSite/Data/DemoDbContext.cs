using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DemoSite.Data;

/// <summary>
/// The site's own database: the passkey tables <c>UsePasskeys()</c> adds, and the data-protection key ring that
/// several nodes share on PostgreSQL (<see cref="DataProtectionSetup"/>; unused on SQLite unless configured).
/// </summary>
public sealed class DemoDbContext(DbContextOptions<DemoDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UsePasskeys();
        modelBuilder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
    }
}
