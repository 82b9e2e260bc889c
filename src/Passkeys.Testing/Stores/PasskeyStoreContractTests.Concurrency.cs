using NUnit.Framework;
using Passkeys.Stores;

namespace Passkeys.Testing;

public abstract partial class PasskeyStoreContractTests
{
    /// <summary>The number of nodes that try to create the same account at once.</summary>
    private const int ConcurrentCreators = 20;

    /// <summary>
    /// Verifies that when many nodes create users with the same user name in different cases at the same moment,
    /// exactly one succeeds, the others are refused with a result rather than an exception, and only one user exists.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_the_same_user_name_succeeds_once_under_concurrency()
    {
        var userName = $"racer-{NewId()}";
        var attempts = Enumerable.Range(0, ConcurrentCreators)
            .Select(i => NewUser(InCaseVariant(userName, i)))
            .Select(user => (User: user, Credential: NewCredential(user.Id)))
            .ToArray();
        var sets = await NewStoresAsync(ConcurrentCreators);

        var results = await RaceAsync(sets, (set, i) => set.Users.CreateAsync(attempts[i].User, attempts[i].Credential, Ct));

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r == PasskeyStoreResult.Success), Is.EqualTo(1), "creations that succeeded");
            Assert.That(results.Where(r => r != PasskeyStoreResult.Success), Is.All.EqualTo(PasskeyStoreResult.UserNameTaken), "the refusals");
        });
        await AssertOnlyTheWinnerWasWrittenAsync(attempts, results);
    }

    /// <summary>
    /// Verifies that when many nodes create users with the same email address at the same moment, exactly one
    /// succeeds and the others are refused with <see cref="PasskeyStoreResult.EmailTaken"/>.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_the_same_email_succeeds_once_under_concurrency()
    {
        var email = $"racer-{NewId()}@example.com";
        var attempts = Enumerable.Range(0, ConcurrentCreators)
            .Select(i => NewUser(email: InCaseVariant(email, i)))
            .Select(user => (User: user, Credential: NewCredential(user.Id)))
            .ToArray();
        var sets = await NewStoresAsync(ConcurrentCreators);

        var results = await RaceAsync(sets, (set, i) => set.Users.CreateAsync(attempts[i].User, attempts[i].Credential, Ct));

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r == PasskeyStoreResult.Success), Is.EqualTo(1), "creations that succeeded");
            Assert.That(results.Where(r => r != PasskeyStoreResult.Success), Is.All.EqualTo(PasskeyStoreResult.EmailTaken), "the refusals");
        });
        await AssertOnlyTheWinnerWasWrittenAsync(attempts, results);
    }

    /// <summary>
    /// Verifies that when many nodes create users with the same first credential id at the same moment, exactly one
    /// succeeds and the others are refused with <see cref="PasskeyStoreResult.DuplicateCredential"/>.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_the_same_credential_id_succeeds_once_under_concurrency()
    {
        var credentialId = NewCredentialId();
        var attempts = Enumerable.Range(0, ConcurrentCreators)
            .Select(_ => NewUser())
            .Select(user => (User: user, Credential: NewCredential(user.Id, credentialId: credentialId.ToArray())))
            .ToArray();
        var sets = await NewStoresAsync(ConcurrentCreators);

        var results = await RaceAsync(sets, (set, i) => set.Users.CreateAsync(attempts[i].User, attempts[i].Credential, Ct));

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r == PasskeyStoreResult.Success), Is.EqualTo(1), "creations that succeeded");
            Assert.That(results.Where(r => r != PasskeyStoreResult.Success), Is.All.EqualTo(PasskeyStoreResult.DuplicateCredential), "the refusals");
        });
        var winner = attempts[Array.IndexOf(results, PasskeyStoreResult.Success)].User;
        var stores = await NewStoresAsync();
        var owner = (await stores.Credentials.FindByIdAsync(credentialId, Ct))?.UserId;
        Assert.That(owner, Is.EqualTo(winner.Id), "the credential's owner");
        foreach (var (user, _) in attempts.Where(a => a.User != winner))
        {
            Assert.That(await stores.Users.FindByIdAsync(user.Id, Ct), Is.Null, "a refused user");
        }
    }

    /// <summary>
    /// Verifies that when many nodes add the same credential id to different users at the same moment, exactly one
    /// succeeds and the others are refused with <see cref="PasskeyStoreResult.DuplicateCredential"/>.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Add_with_the_same_credential_id_succeeds_once_under_concurrency()
    {
        var setup = await NewStoresAsync();
        var users = new PasskeyUser[ConcurrentCreators];
        for (var i = 0; i < users.Length; i++)
        {
            (users[i], _) = await CreateUserAsync(setup);
        }

        var credentialId = NewCredentialId();
        var sets = await NewStoresAsync(ConcurrentCreators);

        var results = await RaceAsync(
            sets,
            (set, i) => set.Credentials.AddAsync(NewCredential(users[i].Id, Time.GetUtcNow().AddSeconds(1), credentialId.ToArray()), Ct));

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r == PasskeyStoreResult.Success), Is.EqualTo(1), "additions that succeeded");
            Assert.That(results.Where(r => r != PasskeyStoreResult.Success), Is.All.EqualTo(PasskeyStoreResult.DuplicateCredential), "the refusals");
        });
        var owner = (await (await NewStoresAsync()).Credentials.FindByIdAsync(credentialId, Ct))?.UserId;
        Assert.That(owner, Is.EqualTo(users[Array.IndexOf(results, PasskeyStoreResult.Success)].Id), "the credential's owner");
    }

    private async Task AssertOnlyTheWinnerWasWrittenAsync(
        (PasskeyUser User, PasskeyCredential Credential)[] attempts,
        PasskeyStoreResult[] results)
    {
        var stores = await NewStoresAsync();
        var winner = attempts[Array.IndexOf(results, PasskeyStoreResult.Success)];
        var byName = await stores.Users.FindByNameAsync(winner.User.UserName, Ct);
        Assert.That(byName?.Id, Is.EqualTo(winner.User.Id), "the user found by the contested name");
        AssertSameCredential(await stores.Credentials.FindByIdAsync(winner.Credential.CredentialId, Ct), winner.Credential);
        foreach (var (user, credential) in attempts.Where(a => a.User != winner.User))
        {
            await AssertNotWrittenAsync(stores, user, credential);
        }
    }

    // Spells text in the i-th of its case variants: bit k of i decides the case of its k-th letter.
    private static string InCaseVariant(string text, int i)
    {
        var chars = text.ToCharArray();
        var bit = 0;
        for (var k = 0; k < chars.Length; k++)
        {
            if (char.IsLetter(chars[k]))
            {
                chars[k] = ((i >> bit) & 1) == 1 ? char.ToUpperInvariant(chars[k]) : char.ToLowerInvariant(chars[k]);
                bit++;
            }
        }

        return new string(chars);
    }
}
