using NUnit.Framework;
using Passkeys.Stores;

namespace Passkeys.Testing;

public abstract partial class PasskeyStoreContractTests
{
    /// <summary>Verifies that a credential is added to an existing user and comes back with every field as written.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Add_stores_a_credential_of_an_existing_user_with_every_field()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var credential = NewFullCredential(user.Id, Time.GetUtcNow().AddSeconds(1));

        var result = await stores.Credentials.AddAsync(credential, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var other = await NewStoresAsync();
        AssertSameCredential(await other.Credentials.FindByIdAsync(credential.CredentialId, Ct), credential);
        var list = await other.Credentials.ListByUserAsync(user.Id, Ct);
        Assert.That(list, Has.Count.EqualTo(2));
        AssertSameCredential(list[1], credential);
    }

    /// <summary>
    /// Verifies that a credential without transports, last use or name comes back with an empty transport list and
    /// <see langword="null"/> values.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Add_round_trips_a_credential_without_transports_last_use_or_name()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var credential = NewCredential(user.Id, Time.GetUtcNow().AddSeconds(1));

        Assert.That(await stores.Credentials.AddAsync(credential, Ct), Is.EqualTo(PasskeyStoreResult.Success));

        var found = await (await NewStoresAsync()).Credentials.FindByIdAsync(credential.CredentialId, Ct);
        AssertSameCredential(found, credential);
        Assert.That(found!.Transports, Is.Empty);
    }

    /// <summary>
    /// Verifies that a store offering the optional <see cref="IPasskeyCredentialOwnerStore"/> finds a credential with
    /// its owner exactly as the two separate lookups do, and nothing for an unknown id.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Find_with_owner_agrees_with_the_two_lookups()
    {
        var stores = await NewStoresAsync();
        if (stores.Credentials is not IPasskeyCredentialOwnerStore owners)
        {
            Assert.Pass("The store does not offer the optional one-read lookup; the engine then reads credential and user separately.");
            return;
        }

        var (user, credential) = await CreateUserAsync(stores, NewEmail());
        var (other, _) = await CreateUserAsync(stores);

        var found = await owners.FindWithOwnerAsync(credential.CredentialId, Ct);

        Assert.That(found, Is.Not.Null);
        AssertSameCredential(found!.Value.Credential, credential);
        AssertSameUser(found.Value.User, user);
        Assert.That(found.Value.User.Id, Is.Not.EqualTo(other.Id));
        Assert.That(await owners.FindWithOwnerAsync(NewCredentialId(), Ct), Is.Null);
    }

    /// <summary>Verifies that a credential cannot be added to a user who is not stored.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Add_to_an_unknown_user_returns_NotFound_and_stores_nothing()
    {
        var stores = await NewStoresAsync();
        var credential = NewCredential(NewId());

        var result = await stores.Credentials.AddAsync(credential, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.NotFound));
        Assert.That(await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct), Is.Null);
    }

    /// <summary>
    /// Verifies that a credential id already stored, for the same user or another one, is refused and the stored
    /// credential stays with its owner unchanged.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Add_with_a_stored_credential_id_returns_DuplicateCredential_for_any_user()
    {
        var stores = await NewStoresAsync();
        var (owner, credential) = await CreateUserAsync(stores);
        var (other, _) = await CreateUserAsync(stores);

        var sameUser = await stores.Credentials.AddAsync(NewCredential(owner.Id, credentialId: credential.CredentialId.ToArray()), Ct);
        var otherUser = await stores.Credentials.AddAsync(NewCredential(other.Id, credentialId: credential.CredentialId.ToArray()), Ct);

        Assert.Multiple(() =>
        {
            Assert.That(sameUser, Is.EqualTo(PasskeyStoreResult.DuplicateCredential), "again for the owner");
            Assert.That(otherUser, Is.EqualTo(PasskeyStoreResult.DuplicateCredential), "for another user");
        });
        AssertSameCredential(await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct), credential);
        var ownerList = await stores.Credentials.ListByUserAsync(owner.Id, Ct);
        var otherList = await stores.Credentials.ListByUserAsync(other.Id, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(ownerList, Has.Count.EqualTo(1), "the owner's credentials");
            Assert.That(otherList, Has.Count.EqualTo(1), "the other user's credentials");
        });
    }

    /// <summary>
    /// Verifies that credential ids are compared byte for byte: an id one byte away, a prefix or an extension of a
    /// stored id finds nothing.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Find_by_id_compares_credential_ids_byte_for_byte()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        // Letters in every case, so that a store that compares ids as case-insensitive text is caught too.
        var id = "AbCdEfGhIjKlMnOpQrStUvWxYz012345"u8.ToArray();
        id[^1] = (byte)Random.Shared.Next(256);
        var credential = NewCredential(user.Id, Time.GetUtcNow().AddSeconds(1), [.. NewCredentialId()[..8], .. id]);
        Assert.That(await stores.Credentials.AddAsync(credential, Ct), Is.EqualTo(PasskeyStoreResult.Success));
        var oneByteAway = credential.CredentialId.ToArray();
        oneByteAway[^1] ^= 0x01;
        var otherCase = credential.CredentialId.ToArray();
        otherCase[8] = (byte)'a';

        var exact = await stores.Credentials.FindByIdAsync(credential.CredentialId.ToArray(), Ct);
        var byOneByteAway = await stores.Credentials.FindByIdAsync(oneByteAway, Ct);
        var byOtherCase = await stores.Credentials.FindByIdAsync(otherCase, Ct);
        var byPrefix = await stores.Credentials.FindByIdAsync(credential.CredentialId[..^1], Ct);
        var byExtension = await stores.Credentials.FindByIdAsync([.. credential.CredentialId, 0], Ct);

        Assert.Multiple(() =>
        {
            Assert.That(exact?.CredentialId, Is.EqualTo(credential.CredentialId), "the exact id");
            Assert.That(byOneByteAway, Is.Null, "an id one bit away");
            Assert.That(byOtherCase, Is.Null, "an id that differs only in the case of an ASCII letter");
            Assert.That(byPrefix, Is.Null, "a prefix of the id");
            Assert.That(byExtension, Is.Null, "the id with a byte appended");
        });
    }

    /// <summary>Verifies that a user's credentials are listed oldest first, and only theirs.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task List_by_user_returns_only_their_credentials_oldest_first()
    {
        var stores = await NewStoresAsync();
        var (user, first) = await CreateUserAsync(stores);
        var (other, _) = await CreateUserAsync(stores);
        var now = Time.GetUtcNow();
        // Added out of order: the list follows CreatedAt, not the order of writes.
        var third = NewCredential(user.Id, now.AddMinutes(2));
        var second = NewCredential(user.Id, now.AddMinutes(1));
        var othersLater = NewCredential(other.Id, now.AddSeconds(90));
        foreach (var credential in new[] { third, othersLater, second })
        {
            Assert.That(await stores.Credentials.AddAsync(credential, Ct), Is.EqualTo(PasskeyStoreResult.Success));
        }

        var list = await (await NewStoresAsync()).Credentials.ListByUserAsync(user.Id, Ct);

        Assert.That(
            list.Select(c => Convert.ToHexString(c.CredentialId)),
            Is.EqualTo(new[] { first, second, third }.Select(c => Convert.ToHexString(c.CredentialId))));
        Assert.That(list.Select(c => c.UserId), Is.All.EqualTo(user.Id));
    }

    /// <summary>Verifies that listing the credentials of a user who is not stored returns an empty list.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task List_by_an_unknown_user_is_empty()
    {
        var stores = await NewStoresAsync();

        var list = await stores.Credentials.ListByUserAsync(NewId(), Ct);

        Assert.That(list, Is.Not.Null.And.Empty);
    }

    /// <summary>
    /// Verifies that a sign-in saves the sign count, backup state, user verification and last use when the stored
    /// count is the expected one.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateUsage_saves_what_a_sign_in_changed_when_the_count_matches()
    {
        var stores = await NewStoresAsync();
        var (_, credential) = await CreateUserAsync(stores);
        var used = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);
        Time.Advance(TimeSpan.FromHours(1));
        used!.SignCount = 3_000_000_001;
        used.IsBackupEligible = !used.IsBackupEligible;
        used.IsBackedUp = true;
        used.IsUserVerified = true;
        used.LastUsedAt = Time.GetUtcNow();

        var saved = await stores.Credentials.UpdateUsageAsync(used, expectedSignCount: 0, Ct);

        Assert.That(saved, Is.True);
        AssertSameCredential(await (await NewStoresAsync()).Credentials.FindByIdAsync(credential.CredentialId, Ct), used);

        // And again from the new count, with the flags turned back off.
        used.SignCount = 3_000_000_002;
        used.IsBackupEligible = !used.IsBackupEligible;
        used.IsBackedUp = false;
        used.IsUserVerified = false;
        used.LastUsedAt = Time.GetUtcNow().AddMinutes(1);
        Assert.That(await stores.Credentials.UpdateUsageAsync(used, expectedSignCount: 3_000_000_001, Ct), Is.True);
        AssertSameCredential(await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct), used);
    }

    /// <summary>
    /// Verifies that a sign-in saves only what a sign-in changes, so that it cannot undo a rename made meanwhile.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateUsage_leaves_the_name_and_transports_alone()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var credential = NewFullCredential(user.Id, Time.GetUtcNow().AddSeconds(1));
        Assert.That(await stores.Credentials.AddAsync(credential, Ct), Is.EqualTo(PasskeyStoreResult.Success));
        var read = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);
        Assert.That(await stores.Credentials.RenameAsync(user.Id, credential.CredentialId, "renamed meanwhile", Ct), Is.EqualTo(PasskeyStoreResult.Success));
        read!.SignCount = credential.SignCount + 1;
        read.Transports = ["ble"];

        var saved = await stores.Credentials.UpdateUsageAsync(read, credential.SignCount, Ct);

        Assert.That(saved, Is.True);
        var found = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(found?.SignCount, Is.EqualTo(credential.SignCount + 1), nameof(PasskeyCredential.SignCount));
            Assert.That(found?.Name, Is.EqualTo("renamed meanwhile"), nameof(PasskeyCredential.Name));
            Assert.That(found?.Transports, Is.EquivalentTo(credential.Transports), nameof(PasskeyCredential.Transports));
        });
    }

    /// <summary>Verifies that a sign-in is not saved, and nothing changes, when the stored count moved.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateUsage_returns_false_and_changes_nothing_when_the_count_moved()
    {
        var stores = await NewStoresAsync();
        var (_, credential) = await CreateUserAsync(stores);
        var used = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);
        used!.SignCount = 10;
        used.IsBackedUp = true;
        used.IsUserVerified = true;
        used.LastUsedAt = Time.GetUtcNow().AddMinutes(1);

        var saved = await stores.Credentials.UpdateUsageAsync(used, expectedSignCount: 5, Ct);

        Assert.That(saved, Is.False);
        AssertSameCredential(await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct), credential);
    }

    /// <summary>Verifies that a sign-in with a credential that is not stored is not saved.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateUsage_returns_false_for_an_unknown_credential()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var unknown = NewCredential(user.Id);
        unknown.SignCount = 1;

        var saved = await stores.Credentials.UpdateUsageAsync(unknown, expectedSignCount: 0, Ct);

        Assert.That(saved, Is.False);
        Assert.That(await stores.Credentials.FindByIdAsync(unknown.CredentialId, Ct), Is.Null);
    }

    /// <summary>
    /// Verifies that when sign-ins with the same credential race on separate nodes from the same expected count,
    /// exactly one is saved, and the stored count is the winner's.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task UpdateUsage_saves_exactly_one_of_concurrent_sign_ins_with_the_same_expected_count()
    {
        var (_, credential) = await CreateUserAsync(await NewStoresAsync());
        var sets = await NewStoresAsync(10);
        var reads = new PasskeyCredential[sets.Length];
        for (var i = 0; i < sets.Length; i++)
        {
            reads[i] = (await sets[i].Credentials.FindByIdAsync(credential.CredentialId, Ct))!;
            reads[i].SignCount = (uint)(100 + i);
            reads[i].LastUsedAt = Time.GetUtcNow().AddSeconds(i + 1);
        }

        var saved = await RaceAsync(sets, (set, i) => set.Credentials.UpdateUsageAsync(reads[i], expectedSignCount: 0, Ct));

        Assert.That(saved.Count(s => s), Is.EqualTo(1), "sign-ins saved");
        var winner = reads[Array.IndexOf(saved, true)];
        var found = await (await NewStoresAsync()).Credentials.FindByIdAsync(credential.CredentialId, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(found?.SignCount, Is.EqualTo(winner.SignCount), nameof(PasskeyCredential.SignCount));
            Assert.That(found?.LastUsedAt, Is.EqualTo(winner.LastUsedAt), nameof(PasskeyCredential.LastUsedAt));
        });
    }

    /// <summary>Verifies that the owner can name a passkey and clear its name.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Rename_by_the_owner_sets_and_clears_the_name()
    {
        var stores = await NewStoresAsync();
        var (user, credential) = await CreateUserAsync(stores);

        var named = await stores.Credentials.RenameAsync(user.Id, credential.CredentialId, "Ångström's phone 📱", Ct);
        var afterName = await (await NewStoresAsync()).Credentials.FindByIdAsync(credential.CredentialId, Ct);
        var cleared = await stores.Credentials.RenameAsync(user.Id, credential.CredentialId, null, Ct);
        var afterClear = await (await NewStoresAsync()).Credentials.FindByIdAsync(credential.CredentialId, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(named, Is.EqualTo(PasskeyStoreResult.Success), "naming");
            Assert.That(afterName?.Name, Is.EqualTo("Ångström's phone 📱"), "the name");
            Assert.That(cleared, Is.EqualTo(PasskeyStoreResult.Success), "clearing");
            Assert.That(afterClear?.Name, Is.Null, "the cleared name");
        });
    }

    /// <summary>Verifies that a passkey cannot be renamed by a user who does not own it, or when it is not stored.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Rename_by_another_user_or_of_an_unknown_credential_returns_NotFound()
    {
        var stores = await NewStoresAsync();
        var (owner, credential) = await CreateUserAsync(stores);
        var (other, _) = await CreateUserAsync(stores);
        Assert.That(await stores.Credentials.RenameAsync(owner.Id, credential.CredentialId, "mine", Ct), Is.EqualTo(PasskeyStoreResult.Success));

        var byOther = await stores.Credentials.RenameAsync(other.Id, credential.CredentialId, "stolen", Ct);
        var byOtherClear = await stores.Credentials.RenameAsync(other.Id, credential.CredentialId, null, Ct);
        var unknown = await stores.Credentials.RenameAsync(owner.Id, NewCredentialId(), "nothing", Ct);
        var found = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(byOther, Is.EqualTo(PasskeyStoreResult.NotFound), "renamed by another user");
            Assert.That(byOtherClear, Is.EqualTo(PasskeyStoreResult.NotFound), "cleared by another user");
            Assert.That(unknown, Is.EqualTo(PasskeyStoreResult.NotFound), "an unknown credential");
            Assert.That(found?.Name, Is.EqualTo("mine"), "the owner's name");
        });
    }

    /// <summary>Verifies that the owner can delete one of their passkeys, and only that one goes.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Delete_by_the_owner_removes_only_that_credential()
    {
        var stores = await NewStoresAsync();
        var (user, first) = await CreateUserAsync(stores);
        var second = NewCredential(user.Id, Time.GetUtcNow().AddSeconds(1));
        Assert.That(await stores.Credentials.AddAsync(second, Ct), Is.EqualTo(PasskeyStoreResult.Success));

        var result = await stores.Credentials.DeleteAsync(user.Id, first.CredentialId, allowLast: false, Ct);

        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        var other = await NewStoresAsync();
        var firstFound = await other.Credentials.FindByIdAsync(first.CredentialId, Ct);
        var list = await other.Credentials.ListByUserAsync(user.Id, Ct);
        var userFound = await other.Users.FindByIdAsync(user.Id, Ct);
        Assert.Multiple(() =>
        {
            Assert.That(firstFound, Is.Null, "the deleted credential");
            Assert.That(list.Select(c => c.CredentialId), Is.EqualTo(new[] { second.CredentialId }), "the remaining credentials");
            Assert.That(userFound, Is.Not.Null, "the user");
        });
    }

    /// <summary>
    /// Verifies that a passkey cannot be deleted by a user who does not own it, or when it is not stored.
    /// </summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Delete_by_another_user_or_of_an_unknown_credential_returns_NotFound()
    {
        var stores = await NewStoresAsync();
        var (owner, credential) = await CreateUserAsync(stores);
        Assert.That(await stores.Credentials.AddAsync(NewCredential(owner.Id, Time.GetUtcNow().AddSeconds(1)), Ct), Is.EqualTo(PasskeyStoreResult.Success));
        var (other, _) = await CreateUserAsync(stores);

        var byOther = await stores.Credentials.DeleteAsync(other.Id, credential.CredentialId, allowLast: true, Ct);
        var unknown = await stores.Credentials.DeleteAsync(owner.Id, NewCredentialId(), allowLast: true, Ct);
        var found = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(byOther, Is.EqualTo(PasskeyStoreResult.NotFound), "deleted by another user");
            Assert.That(unknown, Is.EqualTo(PasskeyStoreResult.NotFound), "an unknown credential");
            Assert.That(found?.UserId, Is.EqualTo(owner.Id), "the owner's credential");
        });
    }

    /// <summary>Verifies that a user's last passkey is deleted only when that is allowed.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Delete_of_the_last_credential_returns_LastCredential_unless_allowed()
    {
        var stores = await NewStoresAsync();
        var (user, credential) = await CreateUserAsync(stores);

        var refused = await stores.Credentials.DeleteAsync(user.Id, credential.CredentialId, allowLast: false, Ct);
        var afterRefusal = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);
        var allowed = await stores.Credentials.DeleteAsync(user.Id, credential.CredentialId, allowLast: true, Ct);
        var afterDelete = await stores.Credentials.FindByIdAsync(credential.CredentialId, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(PasskeyStoreResult.LastCredential), "without allowLast");
            Assert.That(afterRefusal, Is.Not.Null, "the credential after the refusal");
            Assert.That(allowed, Is.EqualTo(PasskeyStoreResult.Success), "with allowLast");
            Assert.That(afterDelete, Is.Null, "the credential after the delete");
        });
    }

    /// <summary>Verifies that changing a returned credential, or the one that was passed in, does not change the store.</summary>
    /// <returns>A task that represents the test.</returns>
    [Test]
    public async Task Credentials_are_copied_in_and_out_of_the_store()
    {
        var stores = await NewStoresAsync();
        var (user, _) = await CreateUserAsync(stores);
        var credential = NewFullCredential(user.Id, Time.GetUtcNow().AddSeconds(1));
        var expected = NewFullCredentialCopy(credential);
        Assert.That(await stores.Credentials.AddAsync(credential, Ct), Is.EqualTo(PasskeyStoreResult.Success));

        credential.SignCount = 1;
        credential.Name = "changed after add";
        credential.PublicKey[0] ^= 0xFF;
        var found = await stores.Credentials.FindByIdAsync(expected.CredentialId, Ct);
        found!.SignCount = 2;
        found.Name = "changed after find";
        found.IsBackedUp = false;
        found.LastUsedAt = null;
        found.Transports = [];
        found.PublicKey[1] ^= 0xFF;
        found.CredentialId[0] ^= 0xFF;
        var listed = await stores.Credentials.ListByUserAsync(user.Id, Ct);
        listed[1].Name = "changed after list";
        listed[1].SignCount = 3;

        AssertSameCredential(await stores.Credentials.FindByIdAsync(expected.CredentialId, Ct), expected);
    }

    private static PasskeyCredential NewFullCredentialCopy(PasskeyCredential c)
        => new(c.CredentialId.ToArray(), c.UserId, c.PublicKey.ToArray(), c.SignCount, c.Aaguid, c.AttestationFormat, c.IsBackupEligible, c.CreatedAt)
        {
            Transports = [.. c.Transports],
            IsBackedUp = c.IsBackedUp,
            IsUserVerified = c.IsUserVerified,
            LastUsedAt = c.LastUsedAt,
            Name = c.Name,
        };
}
