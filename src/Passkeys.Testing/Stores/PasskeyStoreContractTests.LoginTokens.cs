using System.Security.Cryptography;
using NUnit.Framework;

namespace Passkeys.Testing;

public abstract partial class PasskeyStoreContractTests
{
    /// <summary>
    /// Verifies that a login token saved on one node is taken on another with every field as saved, with and
    /// without a browser binding.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_returns_a_saved_login_token_with_every_field()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var bound = NewLoginToken(user.Id, RandomNumberGenerator.GetBytes(32));
        var unbound = NewLoginToken(user.Id);
        await stores.LoginTokens.SaveAsync(bound, Ct);
        await stores.LoginTokens.SaveAsync(unbound, Ct);

        var other = await NewStoresAsync();
        AssertSameLoginToken(await other.LoginTokens.TakeAsync(bound.TokenHash.ToArray(), Ct), bound);
        AssertSameLoginToken(await other.LoginTokens.TakeAsync(unbound.TokenHash.ToArray(), Ct), unbound);
    }

    /// <summary>
    /// Verifies that finding a login token, on any node, returns it without using it up, and that a taken token
    /// is found no more.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Find_returns_a_login_token_without_using_it_up()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var token = NewLoginToken(user.Id, RandomNumberGenerator.GetBytes(32));
        await stores.LoginTokens.SaveAsync(token, Ct);
        var other = await NewStoresAsync();

        AssertSameLoginToken(await stores.LoginTokens.FindAsync(token.TokenHash.ToArray(), Ct), token);
        AssertSameLoginToken(await other.LoginTokens.FindAsync(token.TokenHash.ToArray(), Ct), token);
        var unknown = await stores.LoginTokens.FindAsync(SHA256.HashData(Guid.NewGuid().ToByteArray()), Ct);
        var taken = await other.LoginTokens.TakeAsync(token.TokenHash, Ct);
        var afterTake = await stores.LoginTokens.FindAsync(token.TokenHash, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(unknown, Is.Null, "an unknown hash");
            Assert.That(taken?.TokenHash, Is.EqualTo(token.TokenHash), "still there to take after two finds");
            Assert.That(afterTake, Is.Null, "a taken token");
        });
    }

    /// <summary>Verifies that a login token is taken once: a second take, on the same node or another, finds nothing.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_returns_a_login_token_only_once()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var token = NewLoginToken(user.Id);
        await stores.LoginTokens.SaveAsync(token, Ct);

        var first = await stores.LoginTokens.TakeAsync(token.TokenHash, Ct);
        var again = await stores.LoginTokens.TakeAsync(token.TokenHash, Ct);
        var elsewhere = await (await NewStoresAsync()).LoginTokens.TakeAsync(token.TokenHash, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(first?.TokenHash, Is.EqualTo(token.TokenHash), "the first take");
            Assert.That(again, Is.Null, "a second take on the same node");
            Assert.That(elsewhere, Is.Null, "a second take on another node");
        });
    }

    /// <summary>
    /// Verifies that login tokens are looked up by the exact bytes of their hash: an unknown hash, or one a byte
    /// away, finds nothing and does not use up the stored token.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_compares_login_token_hashes_byte_for_byte()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var token = NewLoginToken(user.Id);
        await stores.LoginTokens.SaveAsync(token, Ct);
        var oneByteAway = token.TokenHash.ToArray();
        oneByteAway[^1] ^= 0x01;

        var unknown = await stores.LoginTokens.TakeAsync(SHA256.HashData(Guid.NewGuid().ToByteArray()), Ct);
        var byOneByteAway = await stores.LoginTokens.TakeAsync(oneByteAway, Ct);
        var byPrefix = await stores.LoginTokens.TakeAsync(token.TokenHash[..^1], Ct);
        var exact = await stores.LoginTokens.TakeAsync(token.TokenHash.ToArray(), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(unknown, Is.Null, "an unknown hash");
            Assert.That(byOneByteAway, Is.Null, "a hash one bit away");
            Assert.That(byPrefix, Is.Null, "a prefix of the hash");
            Assert.That(exact?.TokenHash, Is.EqualTo(token.TokenHash), "the exact hash after the misses");
        });
    }

    /// <summary>Verifies that an expired login token is never returned, although it was never used.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_of_an_expired_login_token_returns_null()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var token = NewLoginToken(user.Id);
        await stores.LoginTokens.SaveAsync(token, Ct);

        Time.SetUtcNow(token.ExpiresAt.AddSeconds(1));
        var found = await (await NewStoresAsync()).LoginTokens.FindAsync(token.TokenHash, Ct);
        var taken = await (await NewStoresAsync()).LoginTokens.TakeAsync(token.TokenHash, Ct);

        Assert.That(found, Is.Null, "found after expiry");
        Assert.That(taken, Is.Null, "taken after expiry");
    }

    /// <summary>Verifies that when many nodes take the same login token at the same moment, exactly one gets it.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Take_returns_a_login_token_once_under_concurrency()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var token = NewLoginToken(user.Id, RandomNumberGenerator.GetBytes(32));
        await stores.LoginTokens.SaveAsync(token, Ct);
        var sets = await NewStoresAsync(ConcurrentTakers);

        var taken = await RaceAsync(sets, (set, _) => set.LoginTokens.TakeAsync(token.TokenHash.ToArray(), Ct));

        Assert.That(taken.Count(t => t is not null), Is.EqualTo(1), "takers that got the token");
        AssertSameLoginToken(taken.Single(t => t is not null), token);
    }

    /// <summary>Verifies that removing expired login tokens removes the expired ones and keeps the others.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task RemoveExpired_removes_expired_login_tokens_only()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var soon = NewLoginToken(user.Id, lifetime: TimeSpan.FromMinutes(5));
        var sooner = NewLoginToken(user.Id, RandomNumberGenerator.GetBytes(32), TimeSpan.FromMinutes(1));
        var later = NewLoginToken(user.Id, lifetime: TimeSpan.FromHours(1));
        foreach (var token in new[] { soon, sooner, later })
        {
            await stores.LoginTokens.SaveAsync(token, Ct);
        }

        Time.Advance(TimeSpan.FromMinutes(10));
        var removed = await (await NewStoresAsync()).LoginTokens.RemoveExpiredAsync(Ct);

        // Other tests may have left expired tokens in a shared store, so the count is at least ours.
        Assert.That(removed, Is.GreaterThanOrEqualTo(2), "tokens removed");
        var soonTaken = await stores.LoginTokens.TakeAsync(soon.TokenHash, Ct);
        var soonerTaken = await stores.LoginTokens.TakeAsync(sooner.TokenHash, Ct);
        var laterTaken = await stores.LoginTokens.TakeAsync(later.TokenHash, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(soonTaken, Is.Null, "an expired token");
            Assert.That(soonerTaken, Is.Null, "another expired token");
            Assert.That(laterTaken?.TokenHash, Is.EqualTo(later.TokenHash), "the token that has not expired");
        });
    }

    /// <summary>Verifies that changing the arrays of a saved or returned login token does not change the store.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Login_tokens_are_copied_in_and_out_of_the_store()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var token = NewLoginToken(user.Id, RandomNumberGenerator.GetBytes(32));
        var expected = new PasskeyLoginToken(token.TokenHash.ToArray(), token.UserId, token.ExpiresAt)
        {
            BrowserBindingHash = token.BrowserBindingHash!.ToArray(),
        };
        await stores.LoginTokens.SaveAsync(token, Ct);

        token.TokenHash[0] ^= 0xFF;
        token.BrowserBindingHash![0] ^= 0xFF;

        AssertSameLoginToken(await stores.LoginTokens.TakeAsync(expected.TokenHash, Ct), expected);
    }

    private PasskeyLoginToken NewLoginToken(string userId, byte[]? browserBindingHash = null, TimeSpan? lifetime = null)
        => new(SHA256.HashData(RandomNumberGenerator.GetBytes(32)), userId, Time.GetUtcNow().Add(lifetime ?? TimeSpan.FromMinutes(15)))
        {
            BrowserBindingHash = browserBindingHash,
        };

    private static void AssertSameLoginToken(PasskeyLoginToken? actual, PasskeyLoginToken expected)
    {
        Assert.That(actual, Is.Not.Null, "The login token was not returned.");
        Assert.Multiple(() =>
        {
            Assert.That(actual!.TokenHash, Is.EqualTo(expected.TokenHash), nameof(PasskeyLoginToken.TokenHash));
            Assert.That(actual.UserId, Is.EqualTo(expected.UserId), nameof(PasskeyLoginToken.UserId));
            Assert.That(actual.ExpiresAt, Is.EqualTo(expected.ExpiresAt), nameof(PasskeyLoginToken.ExpiresAt));
            Assert.That(actual.BrowserBindingHash, Is.EqualTo(expected.BrowserBindingHash), nameof(PasskeyLoginToken.BrowserBindingHash));
        });
    }
}
