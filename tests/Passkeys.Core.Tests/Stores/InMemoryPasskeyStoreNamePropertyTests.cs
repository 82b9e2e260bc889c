using System.Security.Cryptography;
using CsCheck;
using Passkeys.Names;
using Passkeys.Stores.InMemory;

namespace Passkeys.Stores;

/// <summary>
/// Generated names against the in-memory store: two names collide, as names or as a name and an email, exactly when
/// their <see cref="PasskeyNameNormalizer"/> forms are equal.
/// </summary>
public class InMemoryPasskeyStoreNamePropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void Look_alike_spellings_collide_as_names_and_as_emails() => Gen.Select(PasskeyNameNormalizerTests.Name, Gen.Int).Sample((name, seed) =>
    {
        var store = new InMemoryPasskeyStore();
        var lookAlike = PasskeyNameNormalizerTests.LookAlike(name, new Random(seed));
        var first = Create(store, name, email: null);
        var asName = Create(store, lookAlike, email: null);
        var asEmail = Create(store, "someone-else", lookAlike);
        return (first, asName, asEmail) == (PasskeyStoreResult.Success, PasskeyStoreResult.UserNameTaken, PasskeyStoreResult.EmailTaken);
    });

    [Test]
    public void Two_names_collide_exactly_when_their_normalized_forms_are_equal()
        => Gen.Select(PasskeyNameNormalizerTests.Name, PasskeyNameNormalizerTests.Name, Gen.Bool).Sample((one, other, otherAsEmail) =>
        {
            var store = new InMemoryPasskeyStore();
            Assert.That(Create(store, one, email: null), Is.EqualTo(PasskeyStoreResult.Success));
            var second = otherAsEmail ? Create(store, "someone-else", other) : Create(store, other, email: null);
            var same = PasskeyNameNormalizer.Normalize(one) == PasskeyNameNormalizer.Normalize(other);
            return second == (!same ? PasskeyStoreResult.Success : otherAsEmail ? PasskeyStoreResult.EmailTaken : PasskeyStoreResult.UserNameTaken);
        });

    private static PasskeyStoreResult Create(InMemoryPasskeyStore store, string userName, string? email)
    {
        var user = new PasskeyUser(Guid.NewGuid().ToString("N"), RandomNumberGenerator.GetBytes(32), userName, Now) { Email = email };
        var credential = new PasskeyCredential(RandomNumberGenerator.GetBytes(16), user.Id, [0xA5], 0, Guid.Empty, "none", false, Now);
        return store.CreateAsync(user, credential, default).GetAwaiter().GetResult();
    }
}
