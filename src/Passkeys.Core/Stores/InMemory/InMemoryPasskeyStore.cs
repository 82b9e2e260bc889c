namespace Passkeys.Stores.InMemory;

/// <summary>
/// A thread-safe, in-memory store of users and their credentials, for tests and samples.
/// </summary>
/// <remarks>
/// Users and credentials share one lock so that a user and their first credential are created together.
/// Records are copied in and out, so callers never change stored state by accident.
/// </remarks>
public sealed class InMemoryPasskeyStore : IPasskeyUserStore, IPasskeyCredentialStore, IPasskeyCredentialOwnerStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PasskeyUser> _usersById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PasskeyCredential> _credentialsById = new(StringComparer.Ordinal);

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

        lock (_lock)
        {
            var conflict = FindConflict(user);
            if (conflict != PasskeyStoreResult.Success)
            {
                return Task.FromResult(conflict);
            }

            if (_usersById.ContainsKey(user.Id) || _usersById.Values.Any(u => u.UserHandle.AsSpan().SequenceEqual(user.UserHandle)))
            {
                throw new InvalidOperationException("A user with this id or user handle already exists.");
            }

            var key = Key(credential.CredentialId);
            if (_credentialsById.ContainsKey(key))
            {
                return Task.FromResult(PasskeyStoreResult.DuplicateCredential);
            }

            _usersById.Add(user.Id, Copy(user));
            _credentialsById.Add(key, Copy(credential));
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
        => FindUser(u => u.UserHandle.AsSpan().SequenceEqual(userHandle), cancellationToken);

    /// <inheritdoc />
    public Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken)
        => FindUser(u => SameText(u.UserName, userName), cancellationToken);

    /// <inheritdoc />
    public Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
        => FindUser(u => u.Email is not null && SameText(u.Email, email), cancellationToken);

    /// <inheritdoc />
    public Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_usersById.TryGetValue(user.Id, out var stored))
            {
                return Task.FromResult(PasskeyStoreResult.NotFound);
            }

            // Only what a person may change is saved; the user handle and creation time stay as created.
            var conflict = FindConflict(user);
            if (conflict == PasskeyStoreResult.Success)
            {
                stored.UserName = user.UserName;
                stored.DisplayName = user.DisplayName;
                stored.Email = user.Email;
            }

            return Task.FromResult(conflict);
        }
    }

    /// <inheritdoc />
    public Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_usersById.Remove(userId))
            {
                return Task.FromResult(PasskeyStoreResult.NotFound);
            }

            foreach (var key in _credentialsById.Where(c => c.Value.UserId == userId).Select(c => c.Key).ToList())
            {
                _credentialsById.Remove(key);
            }

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

            return Task.FromResult(_credentialsById.TryAdd(Key(credential.CredentialId), Copy(credential))
                ? PasskeyStoreResult.Success
                : PasskeyStoreResult.DuplicateCredential);
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
            IReadOnlyList<PasskeyCredential> list = _credentialsById.Values
                .Where(c => c.UserId == userId)
                .OrderBy(c => c.CreatedAt)
                .Select(Copy)
                .ToList();
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

            if (!allowLast && _credentialsById.Values.Count(c => c.UserId == userId) == 1)
            {
                return Task.FromResult(PasskeyStoreResult.LastCredential);
            }

            _credentialsById.Remove(key);
            return Task.FromResult(PasskeyStoreResult.Success);
        }
    }

    private Task<PasskeyUser?> FindUser(Func<PasskeyUser, bool> predicate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var user = _usersById.Values.FirstOrDefault(predicate);
            return Task.FromResult(user is null ? null : Copy(user));
        }
    }

    // Called under the lock: whether another user already has this user's name or email.
    private PasskeyStoreResult FindConflict(PasskeyUser user)
    {
        foreach (var other in _usersById.Values)
        {
            if (other.Id == user.Id)
            {
                continue;
            }

            if (SameText(other.UserName, user.UserName))
            {
                return PasskeyStoreResult.UserNameTaken;
            }

            if (user.Email is not null && other.Email is not null && SameText(other.Email, user.Email))
            {
                return PasskeyStoreResult.EmailTaken;
            }
        }

        return PasskeyStoreResult.Success;
    }

    private static bool SameText(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Key(byte[] credentialId) => Convert.ToBase64String(credentialId);

    private static PasskeyUser Copy(PasskeyUser user) => new(user.Id, user.UserHandle.ToArray(), user.UserName, user.CreatedAt)
    {
        DisplayName = user.DisplayName,
        Email = user.Email,
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
