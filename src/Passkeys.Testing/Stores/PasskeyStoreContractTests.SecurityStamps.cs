using NUnit.Framework;
using Passkeys.Stores;

namespace Passkeys.Testing;

public abstract partial class PasskeyStoreContractTests
{
    /// <summary>The number of nodes that try to replace the same stamp at once.</summary>
    private const int ConcurrentStampWriters = 12;

    /// <summary>Verifies that a user's security stamp is stored as created and read back by every node.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_stores_the_security_stamp()
    {
        var (user, _) = await CreateUserAsync(await NewStoresAsync(), NewEmail());
        var other = await NewStoresAsync();

        var byId = await other.Users.FindByIdAsync(user.Id, Ct);
        var byName = await other.Users.FindByNameAsync(user.UserName, Ct);
        var byHandle = await other.Users.FindByUserHandleAsync(user.UserHandle, Ct);
        var byEmail = await other.Users.FindByEmailAsync(user.Email!, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(user.SecurityStamp, Is.Not.Empty);
            Assert.That(byId?.SecurityStamp, Is.EqualTo(user.SecurityStamp), "by id");
            Assert.That(byName?.SecurityStamp, Is.EqualTo(user.SecurityStamp), "by user name");
            Assert.That(byHandle?.SecurityStamp, Is.EqualTo(user.SecurityStamp), "by user handle");
            Assert.That(byEmail?.SecurityStamp, Is.EqualTo(user.SecurityStamp), "by email");
        });
    }

    /// <summary>Verifies that the stamp is replaced when the caller knows the current one, as every node then sees.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateSecurityStamp_with_the_current_stamp_replaces_it()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var newStamp = PasskeySecurityStamp.Create();

        var updated = await stores.Users.UpdateSecurityStampAsync(user.Id, user.SecurityStamp, newStamp, Ct);

        Assert.That(updated, Is.True);
        var found = await (await NewStoresAsync()).Users.FindByIdAsync(user.Id, Ct);
        Assert.That(found?.SecurityStamp, Is.EqualTo(newStamp));
        AssertSameUser(found, user);
    }

    /// <summary>
    /// Verifies that a stamp that is no longer the stored one (already replaced, or the stored one in another case)
    /// cannot replace it: the write is refused and the stored stamp stays.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateSecurityStamp_with_a_stale_stamp_returns_false_and_changes_nothing()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var current = PasskeySecurityStamp.Create();
        Assert.That(await stores.Users.UpdateSecurityStampAsync(user.Id, user.SecurityStamp, current, Ct), Is.True);

        var withOld = await stores.Users.UpdateSecurityStampAsync(user.Id, user.SecurityStamp, PasskeySecurityStamp.Create(), Ct);
        var withOtherCase = await stores.Users.UpdateSecurityStampAsync(user.Id, SwapCase(current), PasskeySecurityStamp.Create(), Ct);
        var withEmpty = await stores.Users.UpdateSecurityStampAsync(user.Id, string.Empty, PasskeySecurityStamp.Create(), Ct);

        Assert.Multiple(async () =>
        {
            Assert.That(withOld, Is.False, "the replaced stamp");
            Assert.That(withOtherCase, Is.False, "the current stamp in another case");
            Assert.That(withEmpty, Is.False, "an empty stamp");
            Assert.That((await stores.Users.FindByIdAsync(user.Id, Ct))?.SecurityStamp, Is.EqualTo(current), "the stored stamp");
        });
    }

    /// <summary>Verifies that replacing the stamp of a user who is not stored returns false and creates nothing.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateSecurityStamp_of_an_unknown_user_returns_false()
    {
        var stores = await NewStoresAsync();
        var user = NewUser();

        var updated = await stores.Users.UpdateSecurityStampAsync(user.Id, user.SecurityStamp, PasskeySecurityStamp.Create(), Ct);

        Assert.That(updated, Is.False);
        Assert.That(await stores.Users.FindByIdAsync(user.Id, Ct), Is.Null);
    }

    /// <summary>
    /// Verifies that when many nodes replace the same stamp at the same moment, exactly one succeeds and its stamp is
    /// the one stored, so two sessions revoking each other cannot both stay signed in.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateSecurityStamp_succeeds_once_under_concurrency()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var newStamps = Enumerable.Range(0, ConcurrentStampWriters).Select(_ => PasskeySecurityStamp.Create()).ToArray();
        var sets = await NewStoresAsync(ConcurrentStampWriters);

        var results = await RaceAsync(sets, (set, i) => set.Users.UpdateSecurityStampAsync(user.Id, user.SecurityStamp, newStamps[i], Ct));

        Assert.That(results.Count(r => r), Is.EqualTo(1), "replacements that succeeded");
        var winner = newStamps[Array.IndexOf(results, true)];
        Assert.That((await stores.Users.FindByIdAsync(user.Id, Ct))?.SecurityStamp, Is.EqualTo(winner));
    }

    /// <summary>
    /// Verifies that an update that changes the user name or replaces the verified email (also only its case, also to
    /// none) replaces the security stamp in the same write, and that the new stamp is a fresh one.
    /// </summary>
    /// <param name="change">What the update changes.</param>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_of_user_name_or_email_replaces_the_security_stamp([Values("user name", "user name case", "email", "email case", "email cleared")] string change)
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var changed = (await stores.Users.FindByIdAsync(user.Id, Ct))!;
        switch (change)
        {
            case "user name": changed.UserName = NewUserName(); break;
            case "user name case": changed.UserName = changed.UserName.ToUpperInvariant(); break;
            case "email case": changed.Email = changed.Email!.ToUpperInvariant(); break;
            case "email cleared": changed.Email = null; break;
            default: changed.Email = NewEmail(); break;
        }

        var result = await stores.Users.UpdateAsync(changed, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var found = await (await NewStoresAsync()).Users.FindByIdAsync(user.Id, Ct);
        Assert.That(found?.SecurityStamp, Is.Not.Null.And.Not.Empty.And.Not.EqualTo(user.SecurityStamp));
        Assert.That(await stores.Users.UpdateSecurityStampAsync(user.Id, user.SecurityStamp, PasskeySecurityStamp.Create(), Ct), Is.False,
            "the old stamp no longer replaces the stored one");
    }

    /// <summary>
    /// Verifies that an update of the display name alone keeps the security stamp, and that an update never saves the
    /// stamp of the user it is given.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_of_the_display_name_keeps_the_security_stamp_and_ignores_the_given_one()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var changed = new PasskeyUser(user.Id, user.UserHandle, user.UserName, user.CreatedAt)
        {
            DisplayName = "Ångström, A.",
            Email = user.Email,
            SecurityStamp = PasskeySecurityStamp.Create(),
        };

        var result = await stores.Users.UpdateAsync(changed, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var found = await stores.Users.FindByIdAsync(user.Id, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(found?.DisplayName, Is.EqualTo(changed.DisplayName), nameof(PasskeyUser.DisplayName));
            Assert.That(found?.SecurityStamp, Is.EqualTo(user.SecurityStamp), nameof(PasskeyUser.SecurityStamp));
        });
    }

    /// <summary>Verifies that a refused update (a taken user name or email) keeps the security stamp.</summary>
    /// <param name="takenName">Whether the update takes another user's name rather than their email.</param>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Refused_update_keeps_the_security_stamp([Values] bool takenName)
    {
        var stores = await NewStoresAsync();
        var (taken, _) = await CreateUserAsync(stores, NewEmail());
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var changed = (await stores.Users.FindByIdAsync(user.Id, Ct))!;
        if (takenName)
        {
            changed.UserName = taken.UserName;
        }
        else
        {
            changed.Email = taken.Email;
        }

        var result = await stores.Users.UpdateAsync(changed, Ct);

        Assert.That(result, Is.Not.EqualTo(PasskeyStoreResult.Success));
        Assert.That((await stores.Users.FindByIdAsync(user.Id, Ct))?.SecurityStamp, Is.EqualTo(user.SecurityStamp));
    }

    // Every letter in the other case: the same text to a store that wrongly ignores case.
    private static string SwapCase(string text)
        => new([.. text.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))]);
}
