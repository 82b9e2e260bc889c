namespace Passkeys.Stores.InMemory;

/// <summary>
/// A thread-safe, in-memory store of users and their credentials, for tests and samples.
/// </summary>
/// <remarks>
/// Users and credentials share one lock so that a user and their first credential are created together.
/// Records are copied in and out, so callers never change stored state by accident.
/// Every lookup goes through an index kept under the same lock, so no call scans all users or credentials.
/// User names and email addresses are indexed by their <see cref="PasskeyNameNormalizer"/> form, and checked against
/// both indexes under the lock: no user's name may be another user's email.
/// </remarks>
public sealed class InMemoryPasskeyStore : IPasskeyUserStore, IPasskeyCredentialStore, IPasskeyCredentialOwnerStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PasskeyUser> _usersById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PasskeyCredential> _credentialsById = new(StringComparer.Ordinal);

    // Indexes over the stored records above; every write changes them together with the records, under the lock.
    // Names and emails are keyed by their normalized form (PasskeyNameNormalizer), compared ordinally.
    private readonly Dictionary<string, PasskeyUser> _usersByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PasskeyUser> _usersByEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PasskeyUser> _usersByHandle = new(StringComparer.Ordinal);

    // Each user's credentials in the order they were added; ListByUserAsync sorts them by CreatedAt.
    private readonly Dictionary<string, List<PasskeyCredential>> _credentialsByUser = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<PasskeyStoreResult> CreateAsync(PasskeyUser user, PasskeyCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(credential);
        cancellationToken.ThrowIfCancellationRequested();
        if (credential.UserId != user.Id)
        {
            throw new ArgumentException("The credential must belong to the new user.", nameof(credential));
        }

        var keys = NameKeys.Of(user);
        lock (_lock)
        {
            var conflict = FindConflict(user.Id, keys);
            if (conflict != PasskeyStoreResult.Success)
            {
                return Task.FromResult(conflict);
            }

            if (_usersById.ContainsKey(user.Id) || _usersByHandle.ContainsKey(Key(user.UserHandle)))
            {
                throw new InvalidOperationException("A user with this id or user handle already exists.");
            }

            var key = Key(credential.CredentialId);
            if (_credentialsById.ContainsKey(key))
            {
                return Task.FromResult(PasskeyStoreResult.DuplicateCredential);
            }

            // Both copies are made before the first write, so a copy that throws leaves nothing half written.
            var storedUser = Copy(user);
            var storedCredential = Copy(credential);
            AddUser(storedUser);
            AddCredential(key, storedCredential);
            return Task.FromResult(PasskeyStoreResult.Success);
        }
    }

    /// <inheritdoc />
    public Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_usersById.TryGetValue(userId, out var user) ? Copy(user) : null);
        }
    }

    /// <inheritdoc />
    public Task<PasskeyUser?> FindByUserHandleAsync(byte[] userHandle, CancellationToken cancellationToken)
        => FindUser(_usersByHandle, userHandle is null ? null : Key(userHandle), cancellationToken);

    /// <inheritdoc />
    public Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken)
        => FindUser(_usersByName, NameKeys.Find(userName), cancellationToken);

    /// <inheritdoc />
    public Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
        => FindUser(_usersByEmail, NameKeys.Find(email), cancellationToken);

    /// <inheritdoc />
    public Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        // A null name cannot be a key of the name index (and a user created with one could never be read back).
        ArgumentNullException.ThrowIfNull(user.UserName);
        cancellationToken.ThrowIfCancellationRequested();
        var keys = NameKeys.Of(user);
        lock (_lock)
        {
            if (!_usersById.TryGetValue(user.Id, out var stored))
            {
                return Task.FromResult(PasskeyStoreResult.NotFound);
            }

            // Only what a person may change is saved; the user handle and creation time stay as created.
            var conflict = FindConflict(user.Id, keys);
            if (conflict == PasskeyStoreResult.Success)
            {
                var stamp = KeepsSessions(stored, user) ? stored.SecurityStamp : PasskeySecurityStamp.Create();
                stored = Replace(stored, stamp);
                Reindex(stored, keys);
                stored.UserName = user.UserName;
                stored.DisplayName = user.DisplayName;
                stored.Email = user.Email;
                stored.PendingEmail = user.PendingEmail;
            }

            return Task.FromResult(conflict);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateSecurityStampAsync(string userId, string expectedStamp, string newStamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(expectedStamp);
        ArgumentException.ThrowIfNullOrEmpty(newStamp);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_usersById.TryGetValue(userId, out var stored) || !string.Equals(stored.SecurityStamp, expectedStamp, StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            Replace(stored, newStamp);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_usersById.Remove(userId, out var user))
            {
                return Task.FromResult(PasskeyStoreResult.NotFound);
            }

            RemoveUserIndexes(user);
            return Task.FromResult(PasskeyStoreResult.Success);
        }
    }

    /// <inheritdoc />
    public Task<PasskeyStoreResult> AddAsync(PasskeyCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_usersById.ContainsKey(credential.UserId))
            {
                return Task.FromResult(PasskeyStoreResult.NotFound);
            }

            var key = Key(credential.CredentialId);
            if (_credentialsById.ContainsKey(key))
            {
                return Task.FromResult(PasskeyStoreResult.DuplicateCredential);
            }

            AddCredential(key, Copy(credential));
            return Task.FromResult(PasskeyStoreResult.Success);
        }
    }

    /// <inheritdoc />
    public Task<PasskeyCredential?> FindByIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_credentialsById.TryGetValue(Key(credentialId), out var credential) ? Copy(credential) : null);
        }
    }

    /// <inheritdoc />
    public Task<(PasskeyCredential Credential, PasskeyUser User)?> FindWithOwnerAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            (PasskeyCredential, PasskeyUser)? found =
                _credentialsById.TryGetValue(Key(credentialId), out var credential) && _usersById.TryGetValue(credential.UserId, out var user)
                    ? (Copy(credential), Copy(user))
                    : null;
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PasskeyCredential>> ListByUserAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            // A stable sort: credentials created at the same instant stay in the order they were added.
            IReadOnlyList<PasskeyCredential> list = userId is not null && _credentialsByUser.TryGetValue(userId, out var owned)
                ? owned.OrderBy(c => c.CreatedAt).Select(Copy).ToList()
                : [];
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateUsageAsync(PasskeyCredential credential, uint expectedSignCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_credentialsById.TryGetValue(Key(credential.CredentialId), out var stored) || stored.SignCount != expectedSignCount)
            {
                return Task.FromResult(false);
            }

            stored.SignCount = credential.SignCount;
            stored.IsBackupEligible = credential.IsBackupEligible;
            stored.IsBackedUp = credential.IsBackedUp;
            stored.IsUserVerified = credential.IsUserVerified;
            stored.LastUsedAt = credential.LastUsedAt;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<PasskeyStoreResult> RenameAsync(string userId, byte[] credentialId, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_credentialsById.TryGetValue(Key(credentialId), out var stored) || stored.UserId != userId)
            {
                return Task.FromResult(PasskeyStoreResult.NotFound);
            }

            stored.Name = name;
            return Task.FromResult(PasskeyStoreResult.Success);
        }
    }

    /// <inheritdoc />
    public Task<PasskeyStoreResult> DeleteAsync(string userId, byte[] credentialId, bool allowLast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = Key(credentialId);
            if (!_credentialsById.TryGetValue(key, out var stored) || stored.UserId != userId)
            {
                return Task.FromResult(PasskeyStoreResult.NotFound);
            }

            var owned = _credentialsByUser[userId];
            if (!allowLast && owned.Count == 1)
            {
                return Task.FromResult(PasskeyStoreResult.LastCredential);
            }

            _credentialsById.Remove(key);
            owned.Remove(stored);
            return Task.FromResult(PasskeyStoreResult.Success);
        }
    }

    // A null name, email or handle matches no user, as it did when lookups compared every user.
    private Task<PasskeyUser?> FindUser(Dictionary<string, PasskeyUser> index, string? key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(key is not null && index.TryGetValue(key, out var user) ? Copy(user) : null);
        }
    }

    // Called under the lock: whether another user already has this user's name or email as their name or email (the
    // name is checked first). Names and emails are one namespace, so an account named after someone's email cannot
    // take over that person's sign-in; a user's own name may equal their own email.
    private PasskeyStoreResult FindConflict(string userId, NameKeys keys)
    {
        if (IsTakenByAnother(keys.UserName, userId))
        {
            return PasskeyStoreResult.UserNameTaken;
        }

        return keys.Email is not null && IsTakenByAnother(keys.Email, userId)
            ? PasskeyStoreResult.EmailTaken
            : PasskeyStoreResult.Success;
    }

    private bool IsTakenByAnother(string key, string userId)
        => (_usersByName.TryGetValue(key, out var named) && named.Id != userId)
            || (_usersByEmail.TryGetValue(key, out var mailed) && mailed.Id != userId);

    // Called under the lock, after every check passed, so no Add below can throw halfway through.
    private void AddUser(PasskeyUser user)
    {
        var keys = NameKeys.Of(user);
        _usersById.Add(user.Id, user);
        _usersByName.Add(keys.UserName, user);
        _usersByHandle.Add(Key(user.UserHandle), user);
        _credentialsByUser.Add(user.Id, []);
        if (keys.Email is not null)
        {
            _usersByEmail.Add(keys.Email, user);
        }
    }

    // Called under the lock with a credential whose id is not stored and whose user is.
    private void AddCredential(string key, PasskeyCredential credential)
    {
        _credentialsById.Add(key, credential);
        _credentialsByUser[credential.UserId].Add(credential);
    }

    // Called under the lock before the stored user takes the new name and email, which FindConflict found free.
    private void Reindex(PasskeyUser stored, NameKeys keys)
    {
        RemoveNameIndexes(stored);
        _usersByName.Add(keys.UserName, stored);
        if (keys.Email is not null)
        {
            _usersByEmail.Add(keys.Email, stored);
        }
    }

    private void RemoveNameIndexes(PasskeyUser stored)
    {
        var keys = NameKeys.Of(stored);
        _usersByName.Remove(keys.UserName);
        if (keys.Email is not null)
        {
            _usersByEmail.Remove(keys.Email);
        }
    }

    // Called under the lock once the user is out of _usersById: drops them from every index, with their credentials.
    private void RemoveUserIndexes(PasskeyUser user)
    {
        RemoveNameIndexes(user);
        _usersByHandle.Remove(Key(user.UserHandle));

        if (_credentialsByUser.Remove(user.Id, out var owned))
        {
            foreach (var credential in owned)
            {
                _credentialsById.Remove(Key(credential.CredentialId));
            }
        }
    }

    // Called under the lock: the stamp is set only at creation, so the stored user is replaced by a copy with the new
    // one in the record and every index that holds it.
    private PasskeyUser Replace(PasskeyUser stored, string stamp)
    {
        if (ReferenceEquals(stored.SecurityStamp, stamp))
        {
            return stored;
        }

        var replacement = Copy(stored, stamp);
        var keys = NameKeys.Of(stored);
        _usersById[stored.Id] = replacement;
        _usersByName[keys.UserName] = replacement;
        _usersByHandle[Key(stored.UserHandle)] = replacement;
        if (keys.Email is not null)
        {
            _usersByEmail[keys.Email] = replacement;
        }

        return replacement;
    }

    // A user's name and email in their normalized form: the keys of the name and email indexes.
    private readonly record struct NameKeys(string UserName, string? Email)
    {
        // Throws ArgumentException for a name or email the normalizer refuses: the engine never passes one.
        public static NameKeys Of(PasskeyUser user)
            => new(
                PasskeyNameNormalizer.Normalize(user.UserName),
                user.Email is null ? null : PasskeyNameNormalizer.Normalize(user.Email));

        // A lookup of a value the normalizer refuses finds no one.
        public static string? Find(string? value) => PasskeyNameNormalizer.TryNormalize(value, out var key) ? key : null;
    }

    // Credential ids and user handles compare byte for byte, so their base64 text serves as an ordinal key.
    private static string Key(byte[] bytes) => Convert.ToBase64String(bytes);

    // A new name (even in case only), or a verified address replaced or removed, ends the user's sessions: the stamp
    // is replaced in the same write. A first verified address, or a pending one, does not.
    private static bool KeepsSessions(PasskeyUser stored, PasskeyUser user)
        => string.Equals(stored.UserName, user.UserName, StringComparison.Ordinal)
            && (stored.Email is null || string.Equals(stored.Email, user.Email, StringComparison.Ordinal));

    private static PasskeyUser Copy(PasskeyUser user) => Copy(user, user.SecurityStamp);

    private static PasskeyUser Copy(PasskeyUser user, string securityStamp) => new(user.Id, user.UserHandle.ToArray(), user.UserName, user.CreatedAt)
    {
        DisplayName = user.DisplayName,
        Email = user.Email,
        PendingEmail = user.PendingEmail,
        SecurityStamp = securityStamp,
    };

    private static PasskeyCredential Copy(PasskeyCredential c) => new(
        c.CredentialId.ToArray(), c.UserId, c.PublicKey.ToArray(), c.SignCount, c.Aaguid, c.AttestationFormat, c.IsBackupEligible, c.CreatedAt)
    {
        Transports = c.Transports.ToArray(),
        IsBackedUp = c.IsBackedUp,
        IsUserVerified = c.IsUserVerified,
        LastUsedAt = c.LastUsedAt,
        Name = c.Name,
    };
}
