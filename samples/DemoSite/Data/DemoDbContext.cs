using Microsoft.EntityFrameworkCore;

namespace DemoSite.Data;

/// <summary>
/// The site's own database: it has no tables of its own yet, only the passkey tables <c>UsePasskeys()</c> adds.
/// </summary>
public sealed class DemoDbContext(DbContextOptions<DemoDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UsePasskeys();
    }
}
