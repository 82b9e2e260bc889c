using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Passkeys.Stores;

namespace Passkeys.Testing;

/// <summary>
/// The contract every passkey store keeps, as NUnit tests. Inherit it in a test fixture and implement
/// <see cref="CreateStoresAsync"/> to prove that a store implementation keeps it.
/// </summary>
/// <remarks>
/// <para>
/// The tests never assume the backing data is empty: every test uses fresh random user names, email addresses, ids
/// and credential ids, and none counts what it did not write, so one database may serve the whole fixture (or
/// several fixtures at once).
/// </para>
/// <para>
/// Every time is in UTC and a whole number of seconds, so a store may keep times at microsecond precision and in
/// any offset. Concurrency tests play many application nodes at once by asking for a new
/// <see cref="PasskeyStoreSet"/> per caller.
/// </para>
/// </remarks>
public abstract partial class PasskeyStoreContractTests
{
    /// <summary>The instant <see cref="Time"/> starts at in every test.</summary>
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private readonly List<PasskeyStoreSet> _sets = [];
    private CancellationTokenSource _timeout = new();

    /// <summary>
    /// Gets the clock of the current test: a new <see cref="FakeTimeProvider"/> for every test, starting at
    /// 2026-01-15 09:30:00 UTC. Tests advance it to expire ceremonies and login tokens.
    /// </summary>
    protected FakeTimeProvider Time { get; private set; } = new(Start);

    /// <summary>
    /// Gets how long a test may run before the token it passes to the stores is canceled; 2 minutes by default.
    /// </summary>
    protected virtual TimeSpan TestTimeout => TimeSpan.FromMinutes(2);

    private CancellationToken Ct => _timeout.Token;

    /// <summary>
    /// Creates new store instances over the same backing data as every other set created in the test, the way
    /// separate application nodes sharing one database see it.
    /// </summary>
    /// <param name="time">The clock the stores must judge expiry by; always <see cref="Time"/>.</param>
    /// <returns>The stores. The suite disposes the set when the test ends.</returns>
    protected abstract ValueTask<PasskeyStoreSet> CreateStoresAsync(TimeProvider time);

    /// <summary>Gives the test a new clock and a new time limit.</summary>
    [SetUp]
    public void SetUpStoreContractTest()
    {
        Time = new FakeTimeProvider(Start);
        _timeout.Dispose();
        _timeout = new CancellationTokenSource(TestTimeout);
    }

    /// <summary>Disposes every store set the test created.</summary>
    /// <returns>A task that completes when the sets are disposed.</returns>
    [TearDown]
    public async Task TearDownStoreContractTestAsync()
    {
        PasskeyStoreSet[] sets;
        lock (_sets)
        {
            sets = [.. _sets];
            _sets.Clear();
        }

        foreach (var set in sets)
        {
            await set.DisposeAsync();
        }

        _timeout.Dispose();
    }

    private async Task<PasskeyStoreSet> NewStoresAsync()
    {
        var set = await CreateStoresAsync(Time);
        Assert.That(set, Is.Not.Null, $"{nameof(CreateStoresAsync)} returned null.");
        lock (_sets)
        {
            _sets.Add(set);
        }

        return set;
    }

    private async Task<PasskeyStoreSet[]> NewStoresAsync(int count)
    {
        var sets = new PasskeyStoreSet[count];
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = await NewStoresAsync();
        }

        return sets;
    }

    // Runs one call per store set, each on a thread of its own, all released at the same moment, and returns their
    // results in order. Own threads, so that a store that does its work synchronously is raced too.
    private async Task<T[]> RaceAsync<T>(IReadOnlyList<PasskeyStoreSet> sets, Func<PasskeyStoreSet, int, Task<T>> call)
    {
        using var ready = new CountdownEvent(sets.Count);
        using var gate = new ManualResetEventSlim();
        var calls = sets
            .Select((set, i) => Task.Factory.StartNew(
                () =>
                {
                    ready.Signal();
                    gate.Wait();
                    return call(set, i);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap())
            .ToArray();
        ready.Wait(Ct);
        gate.Set();
        return await Task.WhenAll(calls);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static string NewUserName() => $"user-{NewId()}";

    private static string NewEmail() => $"{NewId()}@example.com";

    private static byte[] NewCredentialId() => RandomNumberGenerator.GetBytes(32);

    private PasskeyUser NewUser(string? userName = null, string? email = null)
        => new(NewId(), RandomNumberGenerator.GetBytes(32), userName ?? NewUserName(), Time.GetUtcNow())
        {
            Email = email,
        };

    private PasskeyCredential NewCredential(string userId, DateTimeOffset? createdAt = null, byte[]? credentialId = null)
        => new(
            credentialId ?? NewCredentialId(),
            userId,
            RandomNumberGenerator.GetBytes(77),
            signCount: 0,
            Guid.Empty,
            "none",
            isBackupEligible: false,
            createdAt ?? Time.GetUtcNow());

    // A credential with every field set to a value that is not a default.
    private PasskeyCredential NewFullCredential(string userId, DateTimeOffset createdAt)
        => new(
            NewCredentialId(),
            userId,
            RandomNumberGenerator.GetBytes(77),
            signCount: 3_000_000_000,
            Guid.NewGuid(),
            "packed",
            isBackupEligible: true,
            createdAt)
        {
            Transports = ["usb", "nfc", "hybrid", "internal"],
            IsBackedUp = true,
            IsUserVerified = true,
            LastUsedAt = createdAt.AddMinutes(5),
            Name = "Ångström's YubiKey 🔑",
        };

    // Creates a user with a first credential and checks that the store accepted them.
    private async Task<(PasskeyUser User, PasskeyCredential Credential)> CreateUserAsync(PasskeyStoreSet stores, string? email = null)
    {
        var user = NewUser(email: email);
        var credential = NewCredential(user.Id);
        var result = await stores.Users.CreateAsync(user, credential, Ct);
        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success), "Creating a user with fresh data failed.");
        return (user, credential);
    }

    private static void AssertSameUser(PasskeyUser? actual, PasskeyUser expected)
    {
        Assert.That(actual, Is.Not.Null, "The user was not found.");
        Assert.Multiple(() =>
        {
            Assert.That(actual!.Id, Is.EqualTo(expected.Id), nameof(PasskeyUser.Id));
            Assert.That(actual.UserHandle, Is.EqualTo(expected.UserHandle), nameof(PasskeyUser.UserHandle));
            Assert.That(actual.UserName, Is.EqualTo(expected.UserName), nameof(PasskeyUser.UserName));
            Assert.That(actual.DisplayName, Is.EqualTo(expected.DisplayName), nameof(PasskeyUser.DisplayName));
            Assert.That(actual.Email, Is.EqualTo(expected.Email), nameof(PasskeyUser.Email));
            Assert.That(actual.PendingEmail, Is.EqualTo(expected.PendingEmail), nameof(PasskeyUser.PendingEmail));
            Assert.That(actual.CreatedAt, Is.EqualTo(expected.CreatedAt), nameof(PasskeyUser.CreatedAt));
        });
    }

    private static void AssertSameCredential(PasskeyCredential? actual, PasskeyCredential expected)
    {
        Assert.That(actual, Is.Not.Null, "The credential was not found.");
        Assert.Multiple(() =>
        {
            Assert.That(actual!.CredentialId, Is.EqualTo(expected.CredentialId), nameof(PasskeyCredential.CredentialId));
            Assert.That(actual.UserId, Is.EqualTo(expected.UserId), nameof(PasskeyCredential.UserId));
            Assert.That(actual.PublicKey, Is.EqualTo(expected.PublicKey), nameof(PasskeyCredential.PublicKey));
            Assert.That(actual.SignCount, Is.EqualTo(expected.SignCount), nameof(PasskeyCredential.SignCount));
            Assert.That(actual.Aaguid, Is.EqualTo(expected.Aaguid), nameof(PasskeyCredential.Aaguid));
            Assert.That(actual.AttestationFormat, Is.EqualTo(expected.AttestationFormat), nameof(PasskeyCredential.AttestationFormat));
            Assert.That(actual.IsBackupEligible, Is.EqualTo(expected.IsBackupEligible), nameof(PasskeyCredential.IsBackupEligible));
            Assert.That(actual.CreatedAt, Is.EqualTo(expected.CreatedAt), nameof(PasskeyCredential.CreatedAt));
            // The order of transports carries no meaning (WebAuthn §5.8.4), so a store may keep them as a set.
            Assert.That(actual.Transports, Is.Not.Null.And.EquivalentTo(expected.Transports), nameof(PasskeyCredential.Transports));
            Assert.That(actual.IsBackedUp, Is.EqualTo(expected.IsBackedUp), nameof(PasskeyCredential.IsBackedUp));
            Assert.That(actual.IsUserVerified, Is.EqualTo(expected.IsUserVerified), nameof(PasskeyCredential.IsUserVerified));
            Assert.That(actual.LastUsedAt, Is.EqualTo(expected.LastUsedAt), nameof(PasskeyCredential.LastUsedAt));
            Assert.That(actual.Name, Is.EqualTo(expected.Name), nameof(PasskeyCredential.Name));
        });
    }
}
