using Microsoft.EntityFrameworkCore;

namespace Passkeys.EntityFramework.Tests.Databases;

/// <summary>A database made for one test fixture, with the passkey tables created.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    string ProviderName { get; }

    void Configure(DbContextOptionsBuilder options);

    /// <summary>Configures the provider with an execution strategy that retries on failure (and so refuses transactions it did not start).</summary>
    void ConfigureRetrying(DbContextOptionsBuilder options);

    TestDbContext CreateContext();

    /// <summary>Creates a context whose execution strategy retries on failure (<see cref="ConfigureRetrying"/>).</summary>
    TestDbContext CreateRetryingContext();
}
