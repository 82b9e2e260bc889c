using Microsoft.EntityFrameworkCore;

namespace Passkeys.EntityFramework.Tests;

/// <summary>An app's own context: no base class, just <c>UsePasskeys()</c>.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UsePasskeys();
}
