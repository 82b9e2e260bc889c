using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Passkeys.EntityFramework.Stores;
using Passkeys.Stores;

namespace Passkeys.EntityFramework.Tests;

/// <summary>
/// Every store call on a PostgreSQL server that does not answer (a port nothing listens on, as during a restart)
/// throws <see cref="PasskeyStoreUnavailableException"/> with the provider's failure inside, whether the context
/// fails at once or retries first; never the provider's own exception, which the endpoints would answer with 500.
/// Needs no PostgreSQL server.
/// </summary>
public sealed class UnreachableDatabaseTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddDays(20000);

    private static readonly PasskeyUser User = new("user-1", RandomNumberGenerator.GetBytes(32), "alice", Now);

    private static readonly PasskeyCredential Credential = new(RandomNumberGenerator.GetBytes(16), "user-1", RandomNumberGenerator.GetBytes(77), 0, Guid.Empty, "none", false, Now);

    private static readonly (string Name, Func<Stores, Task> Call)[] Calls =
    [
        ("CreateAsync", s => s.Passkeys.CreateAsync(User, Credential, default)),
        ("FindByIdAsync (user)", s => s.Passkeys.FindByIdAsync(User.Id, default)),
        ("FindByUserHandleAsync", s => s.Passkeys.FindByUserHandleAsync(User.UserHandle, default)),
        ("FindByNameAsync", s => s.Passkeys.FindByNameAsync(User.UserName, default)),
        ("FindByEmailAsync", s => s.Passkeys.FindByEmailAsync("a@example.com", default)),
        ("UpdateAsync", s => s.Passkeys.UpdateAsync(User, default)),
        ("UpdateSecurityStampAsync", s => s.Passkeys.UpdateSecurityStampAsync(User.Id, User.SecurityStamp, "new-stamp", default)),
        ("DeleteAsync (user)", s => s.Passkeys.DeleteAsync(User.Id, default)),
        ("AddAsync", s => s.Passkeys.AddAsync(Credential, default)),
        ("FindByIdAsync (credential)", s => s.Passkeys.FindByIdAsync(Credential.CredentialId, default)),
        ("FindWithOwnerAsync", s => s.Passkeys.FindWithOwnerAsync(Credential.CredentialId, default)),
        ("ListByUserAsync", s => s.Passkeys.ListByUserAsync(User.Id, default)),
        ("UpdateUsageAsync", s => s.Passkeys.UpdateUsageAsync(Credential, 0, default)),
        ("RenameAsync", s => s.Passkeys.RenameAsync(User.Id, Credential.CredentialId, "Phone", default)),
        ("DeleteAsync (credential, last allowed)", s => s.Passkeys.DeleteAsync(User.Id, Credential.CredentialId, allowLast: true, default)),
        ("DeleteAsync (credential)", s => s.Passkeys.DeleteAsync(User.Id, Credential.CredentialId, allowLast: false, default)),
        ("SaveAsync (ceremony)", s => s.Ceremonies.SaveAsync(new PasskeyCeremony("c1", PasskeyCeremonyKind.Authentication, "{}", Now.AddMinutes(5)), default)),
        ("TakeAsync (ceremony)", s => s.Ceremonies.TakeAsync("c1", default)),
        ("RemoveExpiredAsync (ceremonies)", s => s.Ceremonies.RemoveExpiredAsync(default)),
        ("SaveAsync (token)", s => s.Tokens.SaveAsync(new PasskeyLoginToken(new byte[32], User.Id, Now.AddMinutes(5)), default)),
        ("FindAsync (token)", s => s.Tokens.FindAsync(new byte[32], default)),
        ("TakeAsync (token)", s => s.Tokens.TakeAsync(new byte[32], default)),
        ("RemoveExpiredAsync (tokens)", s => s.Tokens.RemoveExpiredAsync(default)),
    ];

    public static IEnumerable<TestCaseData> Cases()
        => from retrying in new[] { false, true }
           from call in Calls
           select new TestCaseData(call.Call, retrying).SetName($"{call.Name} {(retrying ? "after its retries" : "at once")}: the store is unavailable");

    [TestCaseSource(nameof(Cases))]
    public async Task A_call_on_an_unreachable_server_throws_PasskeyStoreUnavailableException(Func<Stores, Task> call, bool retrying)
    {
        await using var context = new TestDbContext(Options(retrying));
        var stores = new Stores(context);

        var failure = Assert.ThrowsAsync<PasskeyStoreUnavailableException>(() => call(stores));

        // Npgsql's default strategy wraps the failure in an InvalidOperationException; a retrying one gives up with
        // RetryLimitExceededException. Either way the provider's exception is among the causes.
        var causes = Causes(failure!.InnerException).ToList();
        Assert.That(causes, Has.Some.InstanceOf<Npgsql.NpgsqlException>());
        if (retrying)
        {
            Assert.That(causes[0], Is.InstanceOf<Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException>());
        }

        Assert.That(failure.Message, Does.Not.Contain("127.0.0.1"), "the message is safe to show; the cause is inside");
    }

    private static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    // A port that was free a moment ago: connecting is refused at once, as while a server restarts.
    private static DbContextOptions<TestDbContext> Options(bool retrying)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=passkeys;Password=passkeys;Database=passkeys;Timeout=2;Pooling=false";
        return new DbContextOptionsBuilder<TestDbContext>()
            .UseNpgsql(connectionString, o =>
            {
                if (retrying)
                {
                    o.EnableRetryOnFailure(maxRetryCount: 2, maxRetryDelay: TimeSpan.FromMilliseconds(20), errorCodesToAdd: null);
                }
            })
            .Options;
    }

    public sealed class Stores(TestDbContext context)
    {
        public EntityFrameworkPasskeyStore<TestDbContext> Passkeys { get; } = new(context);

        public EntityFrameworkCeremonyStore<TestDbContext> Ceremonies { get; } = new(context, TimeProvider.System);

        public EntityFrameworkLoginTokenStore<TestDbContext> Tokens { get; } = new(context, TimeProvider.System);
    }
}
