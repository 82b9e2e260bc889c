using System.Security.Cryptography;
using Passkeys.Stores.InMemory;

namespace Passkeys.Stores;

/// <summary>
/// What the in-memory store's indexes (by name, email, user handle and owner of a credential) could get wrong when
/// a write forgets one of them. The contract suite covers the rest.
/// </summary>
public class InMemoryPasskeyStoreIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);
    private InMemoryPasskeyStore _store = new();

    // NUnit shares one fixture instance between its tests; the fixed names below need an empty store each.
    [SetUp]
    public void CreateStore() => _store = new InMemoryPasskeyStore();

    [Test]
    public async Task Update_of_name_and_email_frees_the_old_ones_and_finds_the_user_by_the_new_ones()
    {
        var alice = await CreateAsync("alice", "alice@example.com");
        var renamed = await _store.FindByIdAsync(alice.Id, default);
        renamed!.UserName = "alicia";
        renamed.Email = "alicia@example.com";

        Assert.That(await _store.UpdateAsync(renamed, default), Is.EqualTo(PasskeyStoreResult.Success));

        Assert.Multiple(async () =>
        {
            Assert.That((await _store.FindByNameAsync("ALICIA", default))?.Id, Is.EqualTo(alice.Id), "by the new name");
            Assert.That((await _store.FindByEmailAsync("Alicia@Example.com", default))?.Id, Is.EqualTo(alice.Id), "by the new email");
            Assert.That(await _store.FindByNameAsync("alice", default), Is.Null, "by the old name");
            Assert.That(await _store.FindByEmailAsync("alice@example.com", default), Is.Null, "by the old email");
        });
        var bob = await CreateAsync("Alice", "ALICE@example.com");
        Assert.Multiple(async () =>
        {
            Assert.That((await _store.FindByNameAsync("alice", default))?.Id, Is.EqualTo(bob.Id), "the old name, now another user's");
            Assert.That((await _store.FindByEmailAsync("alice@example.com", default))?.Id, Is.EqualTo(bob.Id), "the old email, now another user's");
            Assert.That(await TryCreateAsync("AliciA"), Is.EqualTo(PasskeyStoreResult.UserNameTaken), "the new name");
            Assert.That(await TryCreateAsync("carol", "ALICIA@example.com"), Is.EqualTo(PasskeyStoreResult.EmailTaken), "the new email");
        });
    }

    [Test]
    public async Task Update_that_changes_only_the_case_keeps_the_name_and_email_taken()
    {
        var alice = await CreateAsync("alice", "alice@example.com");
        alice.UserName = "ALICE";
        alice.Email = "ALICE@EXAMPLE.COM";

        Assert.That(await _store.UpdateAsync(alice, default), Is.EqualTo(PasskeyStoreResult.Success));

        Assert.Multiple(async () =>
        {
            Assert.That((await _store.FindByNameAsync("alice", default))?.UserName, Is.EqualTo("ALICE"), "by name");
            Assert.That((await _store.FindByEmailAsync("alice@example.com", default))?.Email, Is.EqualTo("ALICE@EXAMPLE.COM"), "by email");
            Assert.That(await TryCreateAsync("Alice"), Is.EqualTo(PasskeyStoreResult.UserNameTaken), "the name");
            Assert.That(await TryCreateAsync("bob", "Alice@Example.com"), Is.EqualTo(PasskeyStoreResult.EmailTaken), "the email");
        });
    }

    [Test]
    public async Task Refused_update_leaves_the_old_name_and_email_indexed_and_the_new_ones_free()
    {
        await CreateAsync("bob");
        var alice = await CreateAsync("alice", "alice@example.com");
        alice.UserName = "BOB";
        alice.Email = "new@example.com";

        Assert.That(await _store.UpdateAsync(alice, default), Is.EqualTo(PasskeyStoreResult.UserNameTaken));

        Assert.Multiple(async () =>
        {
            Assert.That((await _store.FindByNameAsync("alice", default))?.Id, Is.EqualTo(alice.Id), "by the kept name");
            Assert.That((await _store.FindByEmailAsync("alice@example.com", default))?.Id, Is.EqualTo(alice.Id), "by the kept email");
            Assert.That(await _store.FindByEmailAsync("new@example.com", default), Is.Null, "by the refused email");
            Assert.That(await TryCreateAsync("carol", "new@example.com"), Is.EqualTo(PasskeyStoreResult.Success), "the refused email");
        });
    }

    [Test]
    public async Task Email_set_to_null_is_free_and_set_back_is_found_and_taken_again()
    {
        var alice = await CreateAsync("alice", "alice@example.com");
        alice.Email = null;

        Assert.That(await _store.UpdateAsync(alice, default), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.Multiple(async () =>
        {
            Assert.That(await _store.FindByEmailAsync("alice@example.com", default), Is.Null, "by the cleared email");
            Assert.That(await TryCreateAsync("bob"), Is.EqualTo(PasskeyStoreResult.Success), "another user without email");
        });

        alice.Email = "Alice@Example.com";

        Assert.That(await _store.UpdateAsync(alice, default), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.Multiple(async () =>
        {
            Assert.That((await _store.FindByEmailAsync("alice@example.com", default))?.Id, Is.EqualTo(alice.Id), "by the email set back");
            Assert.That(await TryCreateAsync("carol", "ALICE@example.com"), Is.EqualTo(PasskeyStoreResult.EmailTaken), "the email set back");
        });
    }

    [Test]
    public async Task Email_cleared_and_then_taken_by_another_user_cannot_be_set_back()
    {
        var alice = await CreateAsync("alice", "shared@example.com");
        alice.Email = null;
        Assert.That(await _store.UpdateAsync(alice, default), Is.EqualTo(PasskeyStoreResult.Success));
        var bob = await CreateAsync("bob", "shared@example.com");
        alice.Email = "SHARED@example.com";

        var result = await _store.UpdateAsync(alice, default);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.EmailTaken));
        Assert.Multiple(async () =>
        {
            Assert.That((await _store.FindByEmailAsync("shared@example.com", default))?.Id, Is.EqualTo(bob.Id), "by the email");
            Assert.That((await _store.FindByIdAsync(alice.Id, default))?.Email, Is.Null, "the refused user's email");
        });
    }

    [Test]
    public async Task Delete_of_a_user_clears_every_lookup_and_their_credentials_only()
    {
        var alice = await CreateAsync("alice", "alice@example.com");
        var second = NewCredential(alice.Id, Now.AddMinutes(1));
        Assert.That(await _store.AddAsync(second, default), Is.EqualTo(PasskeyStoreResult.Success));
        var first = (await _store.ListByUserAsync(alice.Id, default))[0];
        var bob = await CreateAsync("bob", "bob@example.com");

        Assert.That(await _store.DeleteAsync(alice.Id, default), Is.EqualTo(PasskeyStoreResult.Success));

        Assert.Multiple(async () =>
        {
            Assert.That(await _store.FindByNameAsync("alice", default), Is.Null, "by name");
            Assert.That(await _store.FindByEmailAsync("alice@example.com", default), Is.Null, "by email");
            Assert.That(await _store.FindByUserHandleAsync(alice.UserHandle, default), Is.Null, "by user handle");
            Assert.That(await _store.FindByIdAsync(first.CredentialId, default), Is.Null, "first credential");
            Assert.That(await _store.FindByIdAsync(second.CredentialId, default), Is.Null, "second credential");
            Assert.That(await _store.FindWithOwnerAsync(second.CredentialId, default), Is.Null, "second credential with owner");
            Assert.That(await _store.ListByUserAsync(alice.Id, default), Is.Empty, "credential list");
            Assert.That(await _store.ListByUserAsync(bob.Id, default), Has.Count.EqualTo(1), "another user's credentials");
            Assert.That((await _store.FindByUserHandleAsync(bob.UserHandle, default))?.Id, Is.EqualTo(bob.Id), "another user by handle");
        });
    }

    [Test]
    public async Task Delete_of_a_user_frees_their_name_email_handle_and_credential_ids()
    {
        var alice = await CreateAsync("alice", "alice@example.com");
        var credentialId = (await _store.ListByUserAsync(alice.Id, default))[0].CredentialId;
        Assert.That(await _store.DeleteAsync(alice.Id, default), Is.EqualTo(PasskeyStoreResult.Success));
        var again = new PasskeyUser(NewId(), alice.UserHandle, "ALICE", Now) { Email = "Alice@Example.com" };

        var result = await _store.CreateAsync(again, NewCredential(again.Id, Now, credentialId), default);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        Assert.Multiple(async () =>
        {
            Assert.That((await _store.FindByNameAsync("alice", default))?.Id, Is.EqualTo(again.Id), "by name");
            Assert.That((await _store.FindByEmailAsync("alice@example.com", default))?.Id, Is.EqualTo(again.Id), "by email");
            Assert.That((await _store.FindByUserHandleAsync(alice.UserHandle, default))?.Id, Is.EqualTo(again.Id), "by user handle");
            Assert.That((await _store.FindByIdAsync(credentialId, default))?.UserId, Is.EqualTo(again.Id), "the credential's owner");
            Assert.That(await _store.ListByUserAsync(again.Id, default), Has.Count.EqualTo(1), "the new user's credentials");
        });
    }

    [Test]
    public async Task Deleted_credentials_leave_the_list_and_count_toward_the_last_credential_rule()
    {
        var alice = await CreateAsync("alice");
        var first = (await _store.ListByUserAsync(alice.Id, default))[0];
        var second = NewCredential(alice.Id, Now.AddMinutes(1));
        Assert.That(await _store.AddAsync(second, default), Is.EqualTo(PasskeyStoreResult.Success));
        await CreateAsync("bob");

        var firstDeleted = await _store.DeleteAsync(alice.Id, first.CredentialId, allowLast: false, default);
        var lastRefused = await _store.DeleteAsync(alice.Id, second.CredentialId, allowLast: false, default);
        var listAfterOne = await _store.ListByUserAsync(alice.Id, default);
        var lastDeleted = await _store.DeleteAsync(alice.Id, second.CredentialId, allowLast: true, default);

        Assert.Multiple(async () =>
        {
            Assert.That(firstDeleted, Is.EqualTo(PasskeyStoreResult.Success), "the first of two");
            Assert.That(lastRefused, Is.EqualTo(PasskeyStoreResult.LastCredential), "the last, not allowed");
            Assert.That(listAfterOne.Select(c => c.CredentialId), Is.EqualTo(new[] { second.CredentialId }), "the list after one delete");
            Assert.That(lastDeleted, Is.EqualTo(PasskeyStoreResult.Success), "the last, allowed");
            Assert.That(await _store.ListByUserAsync(alice.Id, default), Is.Empty, "the list after both");
        });

        // A user left without credentials can still be given one, and deleting the user takes it along.
        var third = NewCredential(alice.Id, Now.AddMinutes(2));
        Assert.That(await _store.AddAsync(third, default), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await _store.ListByUserAsync(alice.Id, default), Has.Count.EqualTo(1));
        Assert.That(await _store.DeleteAsync(alice.Id, default), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await _store.FindByIdAsync(third.CredentialId, default), Is.Null);
    }

    [Test]
    public async Task Refused_add_of_a_stored_credential_id_does_not_list_it_for_the_other_user()
    {
        var alice = await CreateAsync("alice");
        var bob = await CreateAsync("bob");
        var aliceCredentialId = (await _store.ListByUserAsync(alice.Id, default))[0].CredentialId;

        var result = await _store.AddAsync(NewCredential(bob.Id, Now, aliceCredentialId.ToArray()), default);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.DuplicateCredential));
        Assert.Multiple(async () =>
        {
            Assert.That(await _store.ListByUserAsync(bob.Id, default), Has.Count.EqualTo(1), "bob's credentials");
            Assert.That((await _store.FindByIdAsync(aliceCredentialId, default))?.UserId, Is.EqualTo(alice.Id), "the stored owner");
        });
    }

    [Test]
    public async Task Credentials_created_at_the_same_instant_are_listed_in_the_order_they_were_added()
    {
        var alice = await CreateAsync("alice");
        var added = new List<byte[]> { (await _store.ListByUserAsync(alice.Id, default))[0].CredentialId };
        for (var i = 0; i < 4; i++)
        {
            var credential = NewCredential(alice.Id, Now);
            Assert.That(await _store.AddAsync(credential, default), Is.EqualTo(PasskeyStoreResult.Success));
            added.Add(credential.CredentialId);
        }

        var list = await _store.ListByUserAsync(alice.Id, default);

        Assert.That(list.Select(c => c.CredentialId), Is.EqualTo(added));
    }

    private async Task<PasskeyUser> CreateAsync(string userName, string? email = null)
    {
        var user = NewUser(userName, email);
        Assert.That(await _store.CreateAsync(user, NewCredential(user.Id, Now), default), Is.EqualTo(PasskeyStoreResult.Success), userName);
        return user;
    }

    private async Task<PasskeyStoreResult> TryCreateAsync(string userName, string? email = null)
    {
        var user = NewUser(userName, email);
        return await _store.CreateAsync(user, NewCredential(user.Id, Now), default);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static PasskeyUser NewUser(string userName, string? email)
        => new(NewId(), RandomNumberGenerator.GetBytes(32), userName, Now) { Email = email };

    private static PasskeyCredential NewCredential(string userId, DateTimeOffset createdAt, byte[]? credentialId = null)
        => new(credentialId ?? RandomNumberGenerator.GetBytes(32), userId, RandomNumberGenerator.GetBytes(77), signCount: 0, Guid.Empty, "none", isBackupEligible: false, createdAt);
}
