using System.Globalization;
using System.Text;
using NUnit.Framework;
using Passkeys.Stores;

namespace Passkeys.Testing;

public abstract partial class PasskeyStoreContractTests
{
    /// <summary>The number of look-alike spellings each test of normalized names generates per name.</summary>
    private const int LookAlikes = 12;

    /// <summary>The number of nodes that race a user name against the same email address.</summary>
    private const int NameAndEmailRacers = 50;

    /// <summary>
    /// Verifies that a user name that is another user's email address is refused: sign-in looks names up before
    /// emails, so such an account would take over the sign-in of the address's owner.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_a_user_name_that_is_another_users_email_returns_UserNameTaken_and_writes_nothing()
    {
        var stores = await NewStoresAsync();
        var (owner, _) = await CreateUserAsync(stores, NewEmail());
        var impostor = NewUser(owner.Email!.ToUpperInvariant());
        var credential = NewCredential(impostor.Id);

        var result = await stores.Users.CreateAsync(impostor, credential, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.UserNameTaken));
        await AssertNotWrittenAsync(stores, impostor, credential);
        Assert.That(await stores.Users.FindByNameAsync(owner.Email!, Ct), Is.Null, "a user named after the email");
    }

    /// <summary>Verifies that an email address that is another user's user name is refused.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_an_email_that_is_another_users_user_name_returns_EmailTaken_and_writes_nothing()
    {
        var stores = await NewStoresAsync();
        var named = NewUser(NewEmail());
        Assert.That(await stores.Users.CreateAsync(named, NewCredential(named.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));
        var second = NewUser(email: named.UserName.ToUpperInvariant());
        var credential = NewCredential(second.Id);

        var result = await stores.Users.CreateAsync(second, credential, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.EmailTaken));
        await AssertNotWrittenAsync(stores, second, credential);
    }

    /// <summary>Verifies that an update to a user name that is another user's email address is refused.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_to_a_user_name_that_is_another_users_email_returns_UserNameTaken_and_changes_nothing()
    {
        var stores = await NewStoresAsync();
        var (owner, _) = await CreateUserAsync(stores, NewEmail());
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var changed = await stores.Users.FindByIdAsync(user.Id, Ct);
        changed!.UserName = owner.Email!.ToUpperInvariant();
        changed.DisplayName = "should not be saved";

        var result = await stores.Users.UpdateAsync(changed, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.UserNameTaken));
        var other = await NewStoresAsync();
        AssertSameUser(await other.Users.FindByIdAsync(user.Id, Ct), user);
        Assert.That(await other.Users.FindByNameAsync(owner.Email!, Ct), Is.Null, "a user named after the email");
    }

    /// <summary>Verifies that an update to an email address that is another user's user name is refused.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_to_an_email_that_is_another_users_user_name_returns_EmailTaken_and_changes_nothing()
    {
        var stores = await NewStoresAsync();
        var named = NewUser(NewEmail());
        Assert.That(await stores.Users.CreateAsync(named, NewCredential(named.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var changed = await stores.Users.FindByIdAsync(user.Id, Ct);
        changed!.Email = named.UserName.ToUpperInvariant();

        var result = await stores.Users.UpdateAsync(changed, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.EmailTaken));
        var other = await NewStoresAsync();
        AssertSameUser(await other.Users.FindByIdAsync(user.Id, Ct), user);
        Assert.That((await other.Users.FindByEmailAsync(named.UserName, Ct))?.Id, Is.Not.EqualTo(user.Id), "the user by the refused email");
    }

    /// <summary>
    /// Verifies that a user's name may be their own email address, on create and on update, and that the name and
    /// email are taken for everyone else until the user lets them go.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task A_user_name_may_be_the_users_own_email()
    {
        var stores = await NewStoresAsync();
        var email = NewEmail();
        var user = NewUser(email.ToUpperInvariant(), email);
        var created = await stores.Users.CreateAsync(user, NewCredential(user.Id), Ct);
        var other = NewUser(email: NewEmail());
        var otherCreated = await stores.Users.CreateAsync(other, NewCredential(other.Id), Ct);
        var otherEmail = other.Email!;
        other.UserName = otherEmail;
        var otherUpdated = await stores.Users.UpdateAsync(other, Ct);
        var byName = await stores.Users.FindByNameAsync(email, Ct);
        var byEmail = await stores.Users.FindByEmailAsync(email.ToUpperInvariant(), Ct);
        var thief = NewUser(email);
        var thiefByName = await stores.Users.CreateAsync(thief, NewCredential(thief.Id), Ct);

        user.UserName = NewUserName();
        var renamed = await stores.Users.UpdateAsync(user, Ct);
        var stillTaken = NewUser(email);
        var afterRename = await stores.Users.CreateAsync(stillTaken, NewCredential(stillTaken.Id), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(PasskeyStoreResult.Success), "create named after the own email");
            Assert.That(otherCreated, Is.EqualTo(PasskeyStoreResult.Success), "create another user");
            Assert.That(otherUpdated, Is.EqualTo(PasskeyStoreResult.Success), "update to be named after the own email");
            Assert.That(byName?.Id, Is.EqualTo(user.Id), "by name");
            Assert.That(byEmail?.Id, Is.EqualTo(user.Id), "by email");
            Assert.That(thiefByName, Is.EqualTo(PasskeyStoreResult.UserNameTaken), "another user with that name");
            Assert.That(renamed, Is.EqualTo(PasskeyStoreResult.Success), "rename away from the email");
            Assert.That(afterRename, Is.EqualTo(PasskeyStoreResult.UserNameTaken), "the email stays taken as a name");
        });
    }

    /// <summary>Verifies that deleting a user frees their name and email, as either a name or an email.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Delete_frees_the_users_name_and_email_for_names_and_emails()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        Assert.That(await stores.Users.DeleteAsync(user.Id, Ct), Is.EqualTo(PasskeyStoreResult.Success));
        var namedAfterEmail = NewUser(user.Email, user.UserName + "@example.com");
        var mailedAtName = NewUser(email: user.UserName);

        var first = await stores.Users.CreateAsync(namedAfterEmail, NewCredential(namedAfterEmail.Id), Ct);
        var second = await stores.Users.CreateAsync(mailedAtName, NewCredential(mailedAtName.Id), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(PasskeyStoreResult.Success), "a user named after the deleted user's email");
            Assert.That(second, Is.EqualTo(PasskeyStoreResult.Success), "a user whose email is the deleted user's name");
        });
    }

    /// <summary>
    /// Verifies that spellings that look alike (NFC and NFD, fullwidth and ASCII, case, also <c>ß</c>/<c>ẞ</c>/<c>ss</c>
    /// and <c>Σ</c>/<c>σ</c>/<c>ς</c>) are one user name and one email address, as either: each generated look-alike
    /// finds the user and is refused as another user's name or email.
    /// </summary>
    /// <param name="stem">The start of the name; a random suffix makes it fresh.</param>
    /// <returns>A task that represents the test.</returns>
    [TestCase("josé")]
    [TestCase("grace")]
    [TestCase("straße")]
    [TestCase("ὀδυσσεύς")]
    [TestCase("ångström")]
    [TestCase("İstanbul")]
    public async Task Spellings_that_normalize_alike_are_one_name_and_one_email(string stem)
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var stores = await NewStoresAsync();
        var name = $"{stem}-{NewId()}";
        var email = $"{stem}.{NewId()}@exämple.com";
        var user = NewUser(name, email);
        Assert.That(await stores.Users.CreateAsync(user, NewCredential(user.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));

        foreach (var value in new[] { name, email })
        {
            for (var i = 0; i < LookAlikes; i++)
            {
                var spelling = LookAlike(value, random);
                Assert.That(PasskeyNameNormalizer.Normalize(spelling), Is.EqualTo(PasskeyNameNormalizer.Normalize(value)), $"seed {seed}: the generator");
                var asName = NewUser(spelling);
                var asEmail = NewUser(email: spelling);
                var foundByName = await stores.Users.FindByNameAsync(spelling, Ct);
                var foundByEmail = await stores.Users.FindByEmailAsync(spelling, Ct);
                var createdAsName = await stores.Users.CreateAsync(asName, NewCredential(asName.Id), Ct);
                var createdAsEmail = await stores.Users.CreateAsync(asEmail, NewCredential(asEmail.Id), Ct);
                Assert.Multiple(() =>
                {
                    var what = $"seed {seed}: '{spelling}' ({Escape(spelling)}) for '{value}'";
                    Assert.That((value == name ? foundByName : foundByEmail)?.Id, Is.EqualTo(user.Id), what + ", found");
                    Assert.That(createdAsName, Is.EqualTo(PasskeyStoreResult.UserNameTaken), what + ", as a new user's name");
                    Assert.That(createdAsEmail, Is.EqualTo(PasskeyStoreResult.EmailTaken), what + ", as a new user's email");
                });
            }
        }
    }

    /// <summary>
    /// Verifies that the Turkish dotted and dotless i follow Unicode Default Case Folding without regard to language:
    /// <c>I</c> is <c>i</c>, <c>İ</c> is <c>i</c> with a combining dot above, and <c>ı</c> is a letter of its own.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Turkish_i_follows_language_independent_case_folding()
    {
        var stores = await NewStoresAsync();
        var suffix = NewId();
        var dotted = NewUser($"İzmir-{suffix}");
        Assert.That(await stores.Users.CreateAsync(dotted, NewCredential(dotted.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));

        var byCombiningDot = await stores.Users.FindByNameAsync($"i\u0307zmir-{suffix}", Ct);
        var byPlainI = await stores.Users.FindByNameAsync($"izmir-{suffix}", Ct);
        var dotless = NewUser($"ızmir-{suffix}");
        var plain = NewUser($"IZMIR-{suffix}");
        var dotlessCreated = await stores.Users.CreateAsync(dotless, NewCredential(dotless.Id), Ct);
        var plainCreated = await stores.Users.CreateAsync(plain, NewCredential(plain.Id), Ct);
        var byLowerPlain = await stores.Users.FindByNameAsync($"izmir-{suffix}", Ct);

        Assert.Multiple(() =>
        {
            Assert.That(byCombiningDot?.Id, Is.EqualTo(dotted.Id), "İ found as i and a combining dot above");
            Assert.That(byPlainI, Is.Null, "İ not found as a plain i");
            Assert.That(dotlessCreated, Is.EqualTo(PasskeyStoreResult.Success), "ı is a name of its own");
            Assert.That(plainCreated, Is.EqualTo(PasskeyStoreResult.Success), "I is a name of its own too");
            Assert.That(byLowerPlain?.Id, Is.EqualTo(plain.Id), "I found as i");
        });
    }

    /// <summary>
    /// Verifies that when many nodes at once create users, half named with one value and half with that value as
    /// their email (in look-alike spellings), exactly one succeeds and the others are refused with a result.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_one_value_as_name_and_as_email_succeeds_once_under_concurrency()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var contested = $"racer.{NewId()}@exämple.com";
        var attempts = Enumerable.Range(0, NameAndEmailRacers)
            .Select(i => i % 2 == 0 ? NewUser(LookAlike(contested, random), NewEmail()) : NewUser(email: LookAlike(contested, random)))
            .Select(user => (User: user, Credential: NewCredential(user.Id)))
            .ToArray();
        var sets = await NewStoresAsync(NameAndEmailRacers);

        var results = await RaceAsync(sets, (set, i) => set.Users.CreateAsync(attempts[i].User, attempts[i].Credential, Ct));

        Assert.That(results.Count(r => r == PasskeyStoreResult.Success), Is.EqualTo(1), $"seed {seed}: creations that succeeded");
        var expected = results.Select((r, i) => r == PasskeyStoreResult.Success
            ? PasskeyStoreResult.Success
            : i % 2 == 0 ? PasskeyStoreResult.UserNameTaken : PasskeyStoreResult.EmailTaken);
        Assert.That(results, Is.EqualTo(expected), $"seed {seed}: each refusal names the field that was taken");
        var stores = await NewStoresAsync();
        var winner = attempts[Array.IndexOf(results, PasskeyStoreResult.Success)];
        var holder = await stores.Users.FindByNameAsync(contested, Ct) ?? await stores.Users.FindByEmailAsync(contested, Ct);
        Assert.That(holder?.Id, Is.EqualTo(winner.User.Id), "the user found by the contested value");
        foreach (var (user, credential) in attempts.Where(a => a.User != winner.User))
        {
            await AssertNotWrittenAsync(stores, user, credential);
        }
    }

    /// <summary>
    /// Verifies that when stored users change their email to one value while new users are created with that value
    /// as their name, all at once, exactly one of them gets it.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_to_an_email_racing_creates_named_after_it_succeeds_once_under_concurrency()
    {
        var setup = await NewStoresAsync();
        var existing = new PasskeyUser[NameAndEmailRacers / 2];
        for (var i = 0; i < existing.Length; i++)
        {
            (existing[i], _) = await CreateUserAsync(setup, NewEmail());
        }

        var contested = $"racer.{NewId()}@example.com";
        var creates = Enumerable.Range(0, NameAndEmailRacers - existing.Length)
            .Select(i => NewUser(InCaseVariant(contested, i)))
            .Select(user => (User: user, Credential: NewCredential(user.Id)))
            .ToArray();
        var sets = await NewStoresAsync(NameAndEmailRacers);

        var results = await RaceAsync(sets, (set, i) =>
        {
            if (i < existing.Length)
            {
                var changed = new PasskeyUser(existing[i].Id, existing[i].UserHandle, existing[i].UserName, existing[i].CreatedAt)
                {
                    Email = InCaseVariant(contested, i),
                };
                return set.Users.UpdateAsync(changed, Ct);
            }

            var (user, credential) = creates[i - existing.Length];
            return set.Users.CreateAsync(user, credential, Ct);
        });

        Assert.That(results.Count(r => r == PasskeyStoreResult.Success), Is.EqualTo(1), "writes that succeeded");
        var expected = results.Select((r, i) => r == PasskeyStoreResult.Success
            ? PasskeyStoreResult.Success
            : i < existing.Length ? PasskeyStoreResult.EmailTaken : PasskeyStoreResult.UserNameTaken);
        Assert.That(results, Is.EqualTo(expected), "each refusal names the field that was taken");
        var winner = Array.IndexOf(results, PasskeyStoreResult.Success);
        var stores = await NewStoresAsync();
        var byEmail = await stores.Users.FindByEmailAsync(contested, Ct);
        var byName = await stores.Users.FindByNameAsync(contested, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(
                winner < existing.Length ? byEmail?.Id : byName?.Id,
                Is.EqualTo(winner < existing.Length ? existing[winner].Id : creates[winner - existing.Length].User.Id),
                "the holder of the contested value");
            Assert.That(winner < existing.Length ? byName : byEmail, Is.Null, "the contested value in the other field");
        });
    }

    // A spelling of the text that normalizes alike: each character in another case, fullwidth, or with ß, σ, ς and İ
    // swapped for their folding equivalents, and the whole in NFD or NFC.
    private static string LookAlike(string text, Random random)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var variant = c switch
            {
                'ß' => Pick(random, "ß", "ẞ", "ss", "SS", "sS"),
                'σ' or 'ς' or 'Σ' => Pick(random, "σ", "ς", "Σ"),
                'İ' => Pick(random, "İ", "i\u0307", "I\u0307"),
                _ => random.Next(3) switch
                {
                    0 => char.ToUpperInvariant(c).ToString(),
                    1 => char.ToLowerInvariant(c).ToString(),
                    _ => c.ToString(),
                },
            };
            foreach (var v in variant)
            {
                builder.Append(v is >= '!' and <= '~' && random.Next(3) == 0 ? (char)(v + 0xFEE0) : v);
            }
        }

        return builder.ToString().Normalize(random.Next(2) == 0 ? NormalizationForm.FormD : NormalizationForm.FormC);
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static string Escape(string text)
        => string.Join(' ', text.EnumerateRunes().Select(r => "U+" + r.Value.ToString("X4", CultureInfo.InvariantCulture)));
}
