using Microsoft.EntityFrameworkCore;

namespace Passkeys.EntityFramework.Tests.Databases;

/// <summary>A database made for one test fixture, with the passkey tables created.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    string ProviderName { get; }

    void Configure(DbContextOptionsBuilder options);

    TestDbContext CreateContext();
}
