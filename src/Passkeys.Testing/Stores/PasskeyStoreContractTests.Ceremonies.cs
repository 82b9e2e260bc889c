using NUnit.Framework;

namespace Passkeys.Testing;

public abstract partial class PasskeyStoreContractTests
{
    /// <summary>The number of nodes that try to take the same ceremony or login token at once.</summary>
    private const int ConcurrentTakers = 50;

    /// <summary>Verifies that a ceremony saved on one node is taken on another with every field as saved.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_returns_a_saved_ceremony_with_every_field()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var full = NewCeremony(PasskeyCeremonyKind.AddCredential, user.Id, user.Email, origin: "https://login.example.co.uk:8443");
        var bare = NewCeremony(PasskeyCeremonyKind.Authentication);
        await stores.Ceremonies.SaveAsync(full, Ct);
        await stores.Ceremonies.SaveAsync(bare, Ct);

        var other = await NewStoresAsync();
        AssertSameCeremony(await other.Ceremonies.TakeAsync(full.Id, Ct), full);
        AssertSameCeremony(await other.Ceremonies.TakeAsync(bare.Id, Ct), bare);
    }

    /// <summary>Verifies that a ceremony is taken once: a second take, on the same node or another, finds nothing.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_returns_a_ceremony_only_once()
    {
        var stores = await NewStoresAsync();
        var ceremony = NewCeremony(PasskeyCeremonyKind.Registration);
        await stores.Ceremonies.SaveAsync(ceremony, Ct);

        var first = await stores.Ceremonies.TakeAsync(ceremony.Id, Ct);
        var again = await stores.Ceremonies.TakeAsync(ceremony.Id, Ct);
        var elsewhere = await (await NewStoresAsync()).Ceremonies.TakeAsync(ceremony.Id, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(first?.Id, Is.EqualTo(ceremony.Id), "the first take");
            Assert.That(again, Is.Null, "a second take on the same node");
            Assert.That(elsewhere, Is.Null, "a second take on another node");
        });
    }

    /// <summary>Verifies that taking a ceremony that was never saved returns <see langword="null"/>.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_of_an_unknown_ceremony_returns_null()
    {
        var stores = await NewStoresAsync();
        var ceremony = NewCeremony(PasskeyCeremonyKind.Registration);
        await stores.Ceremonies.SaveAsync(ceremony, Ct);

        var unknown = await stores.Ceremonies.TakeAsync(NewId(), Ct);

        Assert.That(unknown, Is.Null, "an unknown id");
        Assert.That(await stores.Ceremonies.TakeAsync(ceremony.Id, Ct), Is.Not.Null, "the saved ceremony after the misses");
    }

    /// <summary>Verifies that an expired ceremony is never returned, although it was never taken.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_of_an_expired_ceremony_returns_null()
    {
        var stores = await NewStoresAsync();
        var ceremony = NewCeremony(PasskeyCeremonyKind.Authentication);
        await stores.Ceremonies.SaveAsync(ceremony, Ct);

        Time.SetUtcNow(ceremony.ExpiresAt.AddSeconds(1));
        var taken = await (await NewStoresAsync()).Ceremonies.TakeAsync(ceremony.Id, Ct);

        Assert.That(taken, Is.Null);
    }

    /// <summary>Verifies that when many nodes take the same ceremony at the same moment, exactly one gets it.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_returns_a_ceremony_once_under_concurrency()
    {
        var ceremony = NewCeremony(PasskeyCeremonyKind.Registration);
        await (await NewStoresAsync()).Ceremonies.SaveAsync(ceremony, Ct);
        var sets = await NewStoresAsync(ConcurrentTakers);

        var taken = await RaceAsync(sets, (set, _) => set.Ceremonies.TakeAsync(ceremony.Id, Ct));

        Assert.That(taken.Count(c => c is not null), Is.EqualTo(1), "takers that got the ceremony");
        AssertSameCeremony(taken.Single(c => c is not null), ceremony);
    }

    /// <summary>Verifies that removing expired ceremonies removes the expired ones and keeps the others.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task RemoveExpired_removes_expired_ceremonies_only()
    {
        var stores = await NewStoresAsync();
        var soon = NewCeremony(PasskeyCeremonyKind.Authentication, lifetime: TimeSpan.FromMinutes(1));
        var sooner = NewCeremony(PasskeyCeremonyKind.Registration, lifetime: TimeSpan.FromSeconds(30));
        var later = NewCeremony(PasskeyCeremonyKind.AddCredential, lifetime: TimeSpan.FromMinutes(10));
        foreach (var ceremony in new[] { soon, sooner, later })
        {
            await stores.Ceremonies.SaveAsync(ceremony, Ct);
        }

        Time.Advance(TimeSpan.FromMinutes(2));
        var removed = await (await NewStoresAsync()).Ceremonies.RemoveExpiredAsync(Ct);

        // Other tests may have left expired ceremonies in a shared store, so the count is at least ours.
        Assert.That(removed, Is.GreaterThanOrEqualTo(2), "ceremonies removed");
        var soonTaken = await stores.Ceremonies.TakeAsync(soon.Id, Ct);
        var soonerTaken = await stores.Ceremonies.TakeAsync(sooner.Id, Ct);
        var laterTaken = await stores.Ceremonies.TakeAsync(later.Id, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(soonTaken, Is.Null, "an expired ceremony");
            Assert.That(soonerTaken, Is.Null, "another expired ceremony");
            Assert.That(laterTaken?.Id, Is.EqualTo(later.Id), "the ceremony that has not expired");
        });
    }

    /// <summary>Verifies that removing expired ceremonies when none has expired removes none of ours.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task RemoveExpired_keeps_ceremonies_that_have_not_expired()
    {
        var stores = await NewStoresAsync();
        var ceremony = NewCeremony(PasskeyCeremonyKind.Authentication, lifetime: TimeSpan.FromMinutes(5));
        await stores.Ceremonies.SaveAsync(ceremony, Ct);
        Time.Advance(TimeSpan.FromMinutes(4));

        await stores.Ceremonies.RemoveExpiredAsync(Ct);

        AssertSameCeremony(await stores.Ceremonies.TakeAsync(ceremony.Id, Ct), ceremony);
    }

    private PasskeyCeremony NewCeremony(PasskeyCeremonyKind kind, string? userId = null, string? email = null, TimeSpan? lifetime = null, string? origin = null)
        => new(
            NewId(),
            kind,
            $$"""{"challenge":"{{Convert.ToBase64String(Guid.NewGuid().ToByteArray())}}","rp":{"name":"Ångström & Co 🔑"},"timeout":300000}""",
            Time.GetUtcNow().Add(lifetime ?? TimeSpan.FromMinutes(5)))
        {
            UserId = userId,
            Email = email,
            Origin = origin,
        };

    private static void AssertSameCeremony(PasskeyCeremony? actual, PasskeyCeremony expected)
    {
        Assert.That(actual, Is.Not.Null, "The ceremony was not returned.");
        Assert.Multiple(() =>
        {
            Assert.That(actual!.Id, Is.EqualTo(expected.Id), nameof(PasskeyCeremony.Id));
            Assert.That(actual.Kind, Is.EqualTo(expected.Kind), nameof(PasskeyCeremony.Kind));
            Assert.That(actual.OptionsJson, Is.EqualTo(expected.OptionsJson), nameof(PasskeyCeremony.OptionsJson));
            Assert.That(actual.ExpiresAt, Is.EqualTo(expected.ExpiresAt), nameof(PasskeyCeremony.ExpiresAt));
            Assert.That(actual.UserId, Is.EqualTo(expected.UserId), nameof(PasskeyCeremony.UserId));
            Assert.That(actual.Email, Is.EqualTo(expected.Email), nameof(PasskeyCeremony.Email));
            Assert.That(actual.Origin, Is.EqualTo(expected.Origin), nameof(PasskeyCeremony.Origin));
        });
    }
}
