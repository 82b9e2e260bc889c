using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DemoSite.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the context without starting the site. The migrations are for
/// SQLite, the site's default provider; PostgreSQL databases are created from the model instead.
/// </summary>
internal sealed class DemoDbContextFactory : IDesignTimeDbContextFactory<DemoDbContext>
{
    public DemoDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<DemoDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
