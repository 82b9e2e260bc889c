using System.Security.Cryptography;
using NUnit.Framework;
using Passkeys.Stores;

namespace Passkeys.Testing;

public abstract partial class PasskeyStoreContractTests
{
    /// <summary>Verifies that a user is created together with their first credential.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_stores_the_user_with_their_first_credential()
    {
        var stores = await NewStoresAsync();
        var (user, credential) = await CreateUserAsync(stores);

        var found = await stores.Users.FindByIdAsync(user.Id, Ct);
        var foundCredential = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);
        var list = await stores.Credentials.ListByUserAsync(user.Id, Ct);

        AssertSameUser(found, user);
        AssertSameCredential(foundCredential, credential);
        Assert.That(list.Select(c => c.CredentialId), Is.EqualTo(new[] { credential.CredentialId }));
    }

    /// <summary>Verifies that a user is found by id, user handle, user name and email, also on another node.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Find_returns_the_user_by_id_user_handle_name_and_email()
    {
        var (user, _) = await CreateUserAsync(await NewStoresAsync(), NewEmail());
        var other = await NewStoresAsync();

        AssertSameUser(await other.Users.FindByIdAsync(user.Id, Ct), user);
        AssertSameUser(await other.Users.FindByUserHandleAsync(user.UserHandle.ToArray(), Ct), user);
        AssertSameUser(await other.Users.FindByNameAsync(user.UserName, Ct), user);
        AssertSameUser(await other.Users.FindByEmailAsync(user.Email!, Ct), user);
    }

    /// <summary>Verifies that lookups of what is not stored return <see langword="null"/>.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Find_returns_null_for_an_unknown_id_user_handle_name_or_email()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var nearHandle = user.UserHandle.ToArray();
        nearHandle[^1] ^= 0x01;

        var byId = await stores.Users.FindByIdAsync(NewId(), Ct);
        var byHandle = await stores.Users.FindByUserHandleAsync(RandomNumberGenerator.GetBytes(32), Ct);
        var byNearHandle = await stores.Users.FindByUserHandleAsync(nearHandle, Ct);
        var byName = await stores.Users.FindByNameAsync(NewUserName(), Ct);
        var byEmail = await stores.Users.FindByEmailAsync(NewEmail(), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(byId, Is.Null, "by id");
            Assert.That(byHandle, Is.Null, "by user handle");
            Assert.That(byNearHandle, Is.Null, "by a user handle one bit away from a stored one");
            Assert.That(byName, Is.Null, "by user name");
            Assert.That(byEmail, Is.Null, "by email");
        });
    }

    /// <summary>Verifies that user names and email addresses are found without regard to case.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Find_by_name_and_email_ignores_case()
    {
        var stores = await NewStoresAsync();
        var suffix = NewId();
        var user = NewUser($"alice-{suffix}", $"Alice.{suffix}@Example.com");
        Assert.That(await stores.Users.CreateAsync(user, NewCredential(user.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));

        var byUpperName = await stores.Users.FindByNameAsync(user.UserName.ToUpperInvariant(), Ct);
        var byMixedName = await stores.Users.FindByNameAsync($"aLiCe-{suffix.ToUpperInvariant()}", Ct);
        var byUpperEmail = await stores.Users.FindByEmailAsync(user.Email!.ToUpperInvariant(), Ct);
        var byLowerEmail = await stores.Users.FindByEmailAsync(user.Email!.ToLowerInvariant(), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(byUpperName?.Id, Is.EqualTo(user.Id), "user name in upper case");
            Assert.That(byMixedName?.Id, Is.EqualTo(user.Id), "user name in mixed case");
            Assert.That(byUpperEmail?.Id, Is.EqualTo(user.Id), "email in upper case");
            Assert.That(byLowerEmail?.Id, Is.EqualTo(user.Id), "email in lower case");
        });

        // The stored spelling is kept as given.
        Assert.That(byUpperName!.UserName, Is.EqualTo(user.UserName));
    }

    /// <summary>
    /// Verifies that user names and email addresses are found without regard to case also for letters outside
    /// ASCII (<c>ÅNGSTRÖM</c> finds <c>ångström</c>).
    /// </summary>
    /// <remarks>
    /// A store that compares with SQLite's <c>NOCASE</c> collation, or a database collation that folds only ASCII,
    /// fails this test. Compare a normalized copy instead (for example <see cref="string.ToUpperInvariant()"/> kept in
    /// its own indexed column, as ASP.NET Core Identity does with <c>NormalizedUserName</c>).
    /// </remarks>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Find_by_name_and_email_ignores_case_of_letters_outside_ASCII()
    {
        var stores = await NewStoresAsync();
        var suffix = NewId();
        var user = NewUser($"ångström-{suffix}", $"ångström.{suffix}@exämple.com");
        Assert.That(await stores.Users.CreateAsync(user, NewCredential(user.Id), Ct), Is.EqualTo(PasskeyStoreResult.Success));

        var byName = await stores.Users.FindByNameAsync($"ÅNGSTRÖM-{suffix.ToUpperInvariant()}", Ct);
        var byEmail = await stores.Users.FindByEmailAsync($"ÅNGSTRÖM.{suffix.ToUpperInvariant()}@EXÄMPLE.COM", Ct);
        var other = NewUser($"ÅNGSTRÖM-{suffix}");
        var duplicate = await stores.Users.CreateAsync(other, NewCredential(other.Id), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(byName?.Id, Is.EqualTo(user.Id), "user name");
            Assert.That(byEmail?.Id, Is.EqualTo(user.Id), "email");
            Assert.That(duplicate, Is.EqualTo(PasskeyStoreResult.UserNameTaken), "a second user named in upper case");
        });
    }

    /// <summary>
    /// Verifies that a user name taken in another case refuses the new user, and that neither the user nor the
    /// credential is written.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_a_taken_user_name_in_another_case_returns_UserNameTaken_and_writes_nothing()
    {
        var stores = await NewStoresAsync();
        var (first, firstCredential) = await CreateUserAsync(stores);
        var second = NewUser(first.UserName.ToUpperInvariant(), NewEmail());
        var secondCredential = NewCredential(second.Id);

        var result = await stores.Users.CreateAsync(second, secondCredential, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.UserNameTaken));
        await AssertNotWrittenAsync(stores, second, secondCredential);
        var firstList = await stores.Credentials.ListByUserAsync(first.Id, Ct);
        Assert.That(firstList.Select(c => c.CredentialId), Is.EqualTo(new[] { firstCredential.CredentialId }));
    }

    /// <summary>
    /// Verifies that an email address taken in another case refuses the new user, and that neither the user nor the
    /// credential is written.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_a_taken_email_in_another_case_returns_EmailTaken_and_writes_nothing()
    {
        var stores = await NewStoresAsync();
        var (first, _) = await CreateUserAsync(stores, NewEmail());
        var second = NewUser(email: first.Email!.ToUpperInvariant());
        var secondCredential = NewCredential(second.Id);

        var result = await stores.Users.CreateAsync(second, secondCredential, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.EmailTaken));
        await AssertNotWrittenAsync(stores, second, secondCredential);
    }

    /// <summary>
    /// Verifies that a first credential whose id is already stored refuses the new user, creates no user, and leaves
    /// the stored credential with its owner.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_with_a_stored_credential_id_returns_DuplicateCredential_and_creates_no_user()
    {
        var stores = await NewStoresAsync();
        var (first, firstCredential) = await CreateUserAsync(stores);
        var second = NewUser(email: NewEmail());
        var secondCredential = NewCredential(second.Id, credentialId: firstCredential.CredentialId.ToArray());

        var result = await stores.Users.CreateAsync(second, secondCredential, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.DuplicateCredential));
        var stored = await stores.Credentials.FindByIdAsync(firstCredential.CredentialId, Ct);
        var secondByName = await stores.Users.FindByNameAsync(second.UserName, Ct);
        var secondById = await stores.Users.FindByIdAsync(second.Id, Ct);
        var secondByEmail = await stores.Users.FindByEmailAsync(second.Email!, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(secondById, Is.Null, "the refused user by id");
            Assert.That(secondByName, Is.Null, "the refused user by name");
            Assert.That(secondByEmail, Is.Null, "the refused user by email");
            Assert.That(stored?.UserId, Is.EqualTo(first.Id), "the stored credential's owner");
            Assert.That(stored?.PublicKey, Is.EqualTo(firstCredential.PublicKey), "the stored credential's key");
        });
    }

    /// <summary>Verifies that users without an email address do not conflict with each other.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_allows_many_users_without_email()
    {
        var stores = await NewStoresAsync();
        var (first, _) = await CreateUserAsync(stores);
        var second = NewUser();

        var result = await stores.Users.CreateAsync(second, NewCredential(second.Id), Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var foundFirst = await stores.Users.FindByIdAsync(first.Id, Ct);
        var foundSecond = await stores.Users.FindByIdAsync(second.Id, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(foundFirst?.Email, Is.Null);
            Assert.That(foundSecond?.Email, Is.Null);
        });
    }

    /// <summary>Verifies that a user and their first credential come back with every field as written.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Create_round_trips_every_field_of_the_user_and_credential()
    {
        var stores = await NewStoresAsync();
        var user = new PasskeyUser(NewId(), RandomNumberGenerator.GetBytes(64), NewUserName(), Time.GetUtcNow().AddDays(-3))
        {
            DisplayName = "Ångström Ölçer 😀",
            Email = NewEmail(),
        };
        var credential = NewFullCredential(user.Id, Time.GetUtcNow().AddDays(-2));

        Assert.That(await stores.Users.CreateAsync(user, credential, Ct), Is.EqualTo(PasskeyStoreResult.Success));

        var other = await NewStoresAsync();
        AssertSameUser(await other.Users.FindByIdAsync(user.Id, Ct), user);
        AssertSameCredential(await other.Credentials.FindByIdAsync(credential.CredentialId, Ct), credential);
        var list = await other.Credentials.ListByUserAsync(user.Id, Ct);
        Assert.That(list, Has.Count.EqualTo(1));
        AssertSameCredential(list[0], credential);
    }

    /// <summary>Verifies that changing a returned user, or the user that was passed in, does not change the store.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Users_are_copied_in_and_out_of_the_store()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var expected = new PasskeyUser(user.Id, user.UserHandle.ToArray(), user.UserName, user.CreatedAt)
        {
            DisplayName = user.DisplayName,
            Email = user.Email,
        };

        user.UserName = NewUserName();
        user.DisplayName = "changed after create";
        user.Email = NewEmail();
        user.UserHandle[0] ^= 0xFF;
        var returned = await stores.Users.FindByIdAsync(expected.Id, Ct);
        returned!.UserName = NewUserName();
        returned.DisplayName = "changed after find";
        returned.Email = null;
        returned.UserHandle[1] ^= 0xFF;

        AssertSameUser(await stores.Users.FindByIdAsync(expected.Id, Ct), expected);
    }

    /// <summary>Verifies that an update saves a new user name, display name and email address.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_changes_user_name_display_name_and_email()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var oldName = user.UserName;
        var oldEmail = user.Email!;
        var changed = await stores.Users.FindByIdAsync(user.Id, Ct);
        changed!.UserName = NewUserName();
        changed.DisplayName = "Ångström, A.";
        changed.Email = NewEmail();

        var result = await stores.Users.UpdateAsync(changed, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var other = await NewStoresAsync();
        AssertSameUser(await other.Users.FindByIdAsync(user.Id, Ct), changed);
        AssertSameUser(await other.Users.FindByNameAsync(changed.UserName, Ct), changed);
        AssertSameUser(await other.Users.FindByEmailAsync(changed.Email, Ct), changed);
        var byOldName = await other.Users.FindByNameAsync(oldName, Ct);
        var byOldEmail = await other.Users.FindByEmailAsync(oldEmail, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(byOldName, Is.Null, "by the old user name");
            Assert.That(byOldEmail, Is.Null, "by the old email");
        });
    }

    /// <summary>Verifies that a user may change the case of their own user name and email address.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_may_change_the_case_of_the_users_own_name_and_email()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        user.UserName = user.UserName.ToUpperInvariant();
        user.Email = user.Email!.ToUpperInvariant();

        var result = await stores.Users.UpdateAsync(user, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        AssertSameUser(await stores.Users.FindByIdAsync(user.Id, Ct), user);
    }

    /// <summary>Verifies that an update can remove a user's email address, which frees it for another user.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_can_clear_the_email()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var email = user.Email!;
        user.Email = null;

        var result = await stores.Users.UpdateAsync(user, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var found = await stores.Users.FindByIdAsync(user.Id, Ct);
        var byEmail = await stores.Users.FindByEmailAsync(email, Ct);
        var next = NewUser(email: email);
        var reuse = await stores.Users.CreateAsync(next, NewCredential(next.Id), Ct);
        Assert.Multiple(() =>
        {
            Assert.That(found?.Email, Is.Null, "the stored email");
            Assert.That(byEmail, Is.Null, "by the removed email");
            Assert.That(reuse, Is.EqualTo(PasskeyStoreResult.Success), "another user with the removed email");
        });
    }

    /// <summary>Verifies that an update to another user's name (in another case) is refused and changes nothing.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_to_a_taken_user_name_returns_UserNameTaken_and_changes_nothing()
    {
        var stores = await NewStoresAsync();
        var (taken, _) = await CreateUserAsync(stores);
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var changed = await stores.Users.FindByIdAsync(user.Id, Ct);
        changed!.UserName = taken.UserName.ToUpperInvariant();
        changed.DisplayName = "should not be saved";
        changed.Email = NewEmail();

        var result = await stores.Users.UpdateAsync(changed, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.UserNameTaken));
        AssertSameUser(await stores.Users.FindByIdAsync(user.Id, Ct), user);
        AssertSameUser(await stores.Users.FindByNameAsync(taken.UserName, Ct), taken);
    }

    /// <summary>Verifies that an update to another user's email (in another case) is refused and changes nothing.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_to_a_taken_email_returns_EmailTaken_and_changes_nothing()
    {
        var stores = await NewStoresAsync();
        var (taken, _) = await CreateUserAsync(stores, NewEmail());
        var (user, _) = await CreateUserAsync(stores, NewEmail());
        var changed = await stores.Users.FindByIdAsync(user.Id, Ct);
        changed!.UserName = NewUserName();
        changed.DisplayName = "should not be saved";
        changed.Email = taken.Email!.ToUpperInvariant();

        var result = await stores.Users.UpdateAsync(changed, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.EmailTaken));
        AssertSameUser(await stores.Users.FindByIdAsync(user.Id, Ct), user);
        AssertSameUser(await stores.Users.FindByEmailAsync(taken.Email, Ct), taken);
    }

    /// <summary>Verifies that an update of a user who is not stored returns NotFound and creates no user.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_of_an_unknown_user_returns_NotFound()
    {
        var stores = await NewStoresAsync();
        var user = NewUser();

        var result = await stores.Users.UpdateAsync(user, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.NotFound));
        Assert.That(await stores.Users.FindByIdAsync(user.Id, Ct), Is.Null);
    }

    /// <summary>
    /// Verifies that an update saves only what a person may change: the user handle and creation time stay as
    /// created.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Update_keeps_the_user_handle_and_creation_time()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var impostor = new PasskeyUser(user.Id, RandomNumberGenerator.GetBytes(32), NewUserName(), user.CreatedAt.AddDays(1));

        var result = await stores.Users.UpdateAsync(impostor, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var found = await stores.Users.FindByIdAsync(user.Id, Ct);
        var byOldHandle = await stores.Users.FindByUserHandleAsync(user.UserHandle, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(found?.UserName, Is.EqualTo(impostor.UserName), nameof(PasskeyUser.UserName));
            Assert.That(found?.UserHandle, Is.EqualTo(user.UserHandle), nameof(PasskeyUser.UserHandle));
            Assert.That(found?.CreatedAt, Is.EqualTo(user.CreatedAt), nameof(PasskeyUser.CreatedAt));
            Assert.That(byOldHandle?.Id, Is.EqualTo(user.Id), "by the user handle given at creation");
        });
    }

    /// <summary>Verifies that deleting a user deletes all of their credentials and leaves other users alone.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Delete_removes_the_user_and_all_their_credentials()
    {
        var stores = await NewStoresAsync();
        var (user, first) = await CreateUserAsync(stores, NewEmail());
        var second = NewCredential(user.Id, Time.GetUtcNow().AddSeconds(1));
        Assert.That(await stores.Credentials.AddAsync(second, Ct), Is.EqualTo(PasskeyStoreResult.Success));
        var (bystander, bystanderCredential) = await CreateUserAsync(stores);

        var result = await stores.Users.DeleteAsync(user.Id, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var other = await NewStoresAsync();
        var byId = await other.Users.FindByIdAsync(user.Id, Ct);
        var byName = await other.Users.FindByNameAsync(user.UserName, Ct);
        var byEmail = await other.Users.FindByEmailAsync(user.Email!, Ct);
        var byHandle = await other.Users.FindByUserHandleAsync(user.UserHandle, Ct);
        var firstFound = await other.Credentials.FindByIdAsync(first.CredentialId, Ct);
        var secondFound = await other.Credentials.FindByIdAsync(second.CredentialId, Ct);
        var list = await other.Credentials.ListByUserAsync(user.Id, Ct);
        var bystanderFound = await other.Users.FindByIdAsync(bystander.Id, Ct);
        var bystanderCredentialFound = await other.Credentials.FindByIdAsync(bystanderCredential.CredentialId, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(byId, Is.Null, "user by id");
            Assert.That(byName, Is.Null, "user by name");
            Assert.That(byEmail, Is.Null, "user by email");
            Assert.That(byHandle, Is.Null, "user by user handle");
            Assert.That(firstFound, Is.Null, "first credential");
            Assert.That(secondFound, Is.Null, "second credential");
            Assert.That(list, Is.Empty, "credential list");
            Assert.That(bystanderFound, Is.Not.Null, "another user");
            Assert.That(bystanderCredentialFound, Is.Not.Null, "another user's credential");
        });
    }

    /// <summary>Verifies that deleting a user who is not stored returns NotFound.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Delete_of_an_unknown_user_returns_NotFound()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        Assert.That(await stores.Users.DeleteAsync(user.Id, Ct), Is.EqualTo(PasskeyStoreResult.Success));

        var neverStored = await stores.Users.DeleteAsync(NewId(), Ct);
        var alreadyDeleted = await stores.Users.DeleteAsync(user.Id, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(neverStored, Is.EqualTo(PasskeyStoreResult.NotFound), "never stored");
            Assert.That(alreadyDeleted, Is.EqualTo(PasskeyStoreResult.NotFound), "already deleted");
        });
    }

    private async Task AssertNotWrittenAsync(PasskeyStoreSet stores, PasskeyUser user, PasskeyCredential credential)
    {
        var byId = await stores.Users.FindByIdAsync(user.Id, Ct);
        var byHandle = await stores.Users.FindByUserHandleAsync(user.UserHandle, Ct);
        var byEmail = user.Email is null ? null : await stores.Users.FindByEmailAsync(user.Email, Ct);
        var storedCredential = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);
        var list = await stores.Credentials.ListByUserAsync(user.Id, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(byId, Is.Null, "the refused user by id");
            Assert.That(byHandle, Is.Null, "the refused user by user handle");
            // The email may be another user's (that is why it was refused), but never the refused user's.
            Assert.That(byEmail?.Id, Is.Not.EqualTo(user.Id), "the refused user by email");
            Assert.That(storedCredential, Is.Null, "the refused user's credential");
            Assert.That(list, Is.Empty, "the refused user's credential list");
        });
    }
}
