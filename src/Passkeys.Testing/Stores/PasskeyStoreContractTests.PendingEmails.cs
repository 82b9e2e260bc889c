using NUnit.Framework;
using Passkeys.Stores;

namespace Passkeys.Testing;

public abstract partial class PasskeyStoreContractTests
{
    /// <summary>Verifies that a pending (unverified) email is stored when the user is created and when updated.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Pending_email_is_stored_on_create_and_update()
    {
        var stores = await NewStoresAsync();
        var user = NewUser();
        user.PendingEmail = NewEmail();
        Assert.That(await stores.Users.CreateAsync(user, NewCredential(user.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));
        AssertSameUser(await (await NewStoresAsync()).Users.FindByIdAsync(user.Id, Ct), user);

        user.PendingEmail = NewEmail();
        Assert.That(await stores.Users.UpdateAsync(user, Ct), Is.EqualTo(PasskeyStoreResult.Success));
        AssertSameUser(await (await NewStoresAsync()).Users.FindByIdAsync(user.Id, Ct), user);
    }

    /// <summary>
    /// Verifies that a pending email reserves nothing: another user may name it too, as pending or verified, and it is
    /// not found by <see cref="IPasskeyUserStore.FindByEmailAsync"/>.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Pending_email_reserves_nothing_and_is_not_found_as_an_email()
    {
        var stores = await NewStoresAsync();
        var address = NewEmail();
        var claimer = NewUser();
        claimer.PendingEmail = address;
        var other = NewUser();
        other.PendingEmail = address.ToUpperInvariant();
        Assert.That(await stores.Users.CreateAsync(claimer, NewCredential(claimer.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await stores.Users.CreateAsync(other, NewCredential(other.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await stores.Users.FindByEmailAsync(address, Ct), Is.Null, "a pending address is not an email yet");

        var (owner, _) = await CreateUserAsync(stores, address);
        AssertSameUser(await stores.Users.FindByEmailAsync(address, Ct), owner);
    }

    /// <summary>
    /// Verifies that verifying moves the pending address to <see cref="PasskeyUser.Email"/> and keeps the security
    /// stamp, and that a second user verifying the same address is refused with EmailTaken and changes nothing.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Verified_pending_email_becomes_the_email_once_and_keeps_the_sessions()
    {
        var stores = await NewStoresAsync();
        var address = NewEmail();
        var first = NewUser();
        first.PendingEmail = address;
        var second = NewUser();
        second.PendingEmail = address;
        Assert.That(await stores.Users.CreateAsync(first, NewCredential(first.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await stores.Users.CreateAsync(second, NewCredential(second.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));

        first.Email = first.PendingEmail;
        first.PendingEmail = null;
        second.Email = second.PendingEmail;
        second.PendingEmail = null;

        Assert.That(await stores.Users.UpdateAsync(first, Ct), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await stores.Users.UpdateAsync(second, Ct), Is.EqualTo(PasskeyStoreResult.EmailTaken));
        var verified = await (await NewStoresAsync()).Users.FindByEmailAsync(address, Ct);
        AssertSameUser(verified, first);
        Assert.That(verified!.SecurityStamp, Is.EqualTo(first.SecurityStamp), "a first verified address keeps the sessions");
        var refused = await stores.Users.FindByIdAsync(second.Id, Ct);
        Assert.That((refused?.Email, refused?.PendingEmail), Is.EqualTo(((string?)null, address)), "the refused update changed nothing");
    }

    /// <summary>Verifies that setting, changing or clearing the pending email keeps the security stamp.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Pending_email_changes_keep_the_security_stamp()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        foreach (var pending in new[] { NewEmail(), NewEmail(), null })
        {
            user.PendingEmail = pending;
            Assert.That(await stores.Users.UpdateAsync(user, Ct), Is.EqualTo(PasskeyStoreResult.Success));
            var found = await stores.Users.FindByIdAsync(user.Id, Ct);
            Assert.That((found?.PendingEmail, found?.SecurityStamp), Is.EqualTo((pending, user.SecurityStamp)));
        }
    }
}
