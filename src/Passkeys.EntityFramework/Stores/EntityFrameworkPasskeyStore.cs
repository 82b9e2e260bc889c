using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Passkeys.Stores;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// Stores users and their credentials in the app's <typeparamref name="TContext"/>.
/// </summary>
/// <remarks>
/// Unique indexes enforce the store contract, also between nodes: a write refused by one of them comes back as a
/// <see cref="PasskeyStoreResult"/>. User names and email addresses share one table of login names
/// (<see cref="PasskeyLoginNameEntity"/>), written in the same transaction as the user, so its primary key refuses
/// a name that is another user's email, and the reverse. Reads use no tracking, and records are mapped to and from the rows, so
/// callers never hold tracked entities. A sign-in is saved with one conditional <c>UPDATE</c>.
/// </remarks>
/// <typeparam name="TContext">The app's context; its model must include <c>modelBuilder.UsePasskeys()</c>.</typeparam>
/// <param name="context">The context.</param>
public partial class EntityFrameworkPasskeyStore<TContext>(TContext context) : IPasskeyUserStore, IPasskeyCredentialStore, IPasskeyCredentialOwnerStore
    where TContext : DbContext
{
    // The hot reads, compiled once per model: a compiled query refuses a context with another model than the
    // one it was compiled for (two providers or a per-tenant model for one context type), so they are kept
    // per model rather than only per TContext.
    private static readonly ConditionalWeakTable<IModel, CompiledQueries> QueriesByModel = [];

    /// <summary>Gets the context the store works on.</summary>
    protected TContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    private DbSet<PasskeyUserEntity> Users => Context.Set<PasskeyUserEntity>();

    private DbSet<PasskeyCredentialEntity> Credentials => Context.Set<PasskeyCredentialEntity>();

    private DbSet<PasskeyLoginNameEntity> LoginNames => Context.Set<PasskeyLoginNameEntity>();

    private CompiledQueries Queries => QueriesByModel.GetValue(Context.Model, static _ => new CompiledQueries());

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> CreateAsync(PasskeyUser user, PasskeyCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(credential);
        if (credential.UserId != user.Id)
        {
            throw new ArgumentException("The credential must belong to the new user.", nameof(credential));
        }

        // The user, their login names and the credential in one transaction: all or nothing. INSERTs as SQL text
        // (see PasskeySql).
        var userEntity = PasskeyEntityMapper.ToEntity(user);
        var credentialEntity = PasskeyEntityMapper.ToEntity(credential);
        try
        {
            try
            {
                return await InTransactionAsync(
                    (userEntity, credentialEntity),
                    static async (context, rows, ct) =>
                    {
                        await PasskeySql.InsertAsync(context, rows.userEntity, ct).ConfigureAwait(false);
                        await InsertLoginNamesAsync(context, rows.userEntity, ct).ConfigureAwait(false);
                        await PasskeySql.InsertAsync(context, rows.credentialEntity, ct).ConfigureAwait(false);
                        return PasskeyStoreResult.Success;
                    },
                    // A commit whose answer was lost may have happened: the new user's id tells, before a retry
                    // would find its own rows and report them as someone else's name.
                    static async (context, rows, ct) => new ExecutionResult<PasskeyStoreResult>(
                        await context.Set<PasskeyUserEntity>().AnyAsync(u => u.Id == rows.userEntity.Id, ct).ConfigureAwait(false),
                        PasskeyStoreResult.Success),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (!DatabaseUnavailable.Is(e))
            {
                var conflict = await FindConflictAsync(userEntity, credentialEntity.CredentialId, cancellationToken).ConfigureAwait(false);
                if (conflict == PasskeyStoreResult.Success)
                {
                    throw;
                }

                return conflict;
            }
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            throw DatabaseUnavailable.Exception(e);
        }
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var entity = await DatabaseUnavailable.Translate(Queries.UserById(Context, userId, cancellationToken)).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyUser?> FindByUserHandleAsync(byte[] userHandle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userHandle);
        var entity = await DatabaseUnavailable.Translate(Queries.UserByHandle(Context, userHandle, cancellationToken)).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (PasskeyEntityMapper.NormalizeForLookup(userName) is not { } normalized)
        {
            return null;
        }

        var entity = await DatabaseUnavailable.Translate(Queries.UserByNormalizedName(Context, normalized, cancellationToken)).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (PasskeyEntityMapper.NormalizeForLookup(email) is not { } normalized)
        {
            return null;
        }

        var entity = await DatabaseUnavailable.Translate(Queries.UserByNormalizedEmail(Context, normalized, cancellationToken)).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entity = PasskeyEntityMapper.ToEntity(user);

        // A new user name, or a verified email replaced or removed, replaces the stamp in the same statement (every
        // right-hand side of an UPDATE reads the row as it was), which ends the user's other sessions. A first verified
        // email, or a pending one, does not.
        var newStamp = PasskeySecurityStamp.Create();
        try
        {
            try
            {
                // The row and the login names in one transaction: the old names are let go and the new ones taken
                // together, and the login names' key refuses one that another user holds.
                return await InTransactionAsync(
                    (Row: entity, NewStamp: newStamp),
                    static async (context, update, ct) =>
                    {
                        var row = update.Row;
                        var newStamp = update.NewStamp;
                        var updated = await context.Set<PasskeyUserEntity>()
                            .Where(u => u.Id == row.Id)
                            .ExecuteUpdateAsync(
                                s => s.SetProperty(u => u.UserName, row.UserName)
                                    .SetProperty(u => u.NormalizedUserName, row.NormalizedUserName)
                                    .SetProperty(u => u.DisplayName, row.DisplayName)
                                    .SetProperty(u => u.Email, row.Email)
                                    .SetProperty(u => u.NormalizedEmail, row.NormalizedEmail)
                                    .SetProperty(u => u.PendingEmail, row.PendingEmail)
                                    .SetProperty(
                                        u => u.SecurityStamp,
                                        u => u.UserName == row.UserName && (u.Email == null || u.Email == row.Email) ? u.SecurityStamp : newStamp),
                                ct)
                            .ConfigureAwait(false);
                        if (updated == 0)
                        {
                            return PasskeyStoreResult.NotFound;
                        }

                        await context.Set<PasskeyLoginNameEntity>().Where(n => n.UserId == row.Id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                        await InsertLoginNamesAsync(context, row, ct).ConfigureAwait(false);
                        return PasskeyStoreResult.Success;
                    },
                    verifySucceeded: null,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (!DatabaseUnavailable.Is(e))
            {
                var conflict = await FindConflictAsync(entity, credentialId: null, cancellationToken).ConfigureAwait(false);
                if (conflict == PasskeyStoreResult.Success)
                {
                    throw;
                }

                return conflict;
            }
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            throw DatabaseUnavailable.Exception(e);
        }
    }

    /// <inheritdoc />
    public virtual async Task<bool> UpdateSecurityStampAsync(string userId, string expectedStamp, string newStamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(expectedStamp);
        ArgumentException.ThrowIfNullOrEmpty(newStamp);

        // One conditional UPDATE: the expected stamp in the WHERE clause lets only one of two concurrent callers through.
        var updated = await DatabaseUnavailable.Translate(Users
            .Where(u => u.Id == userId && u.SecurityStamp == expectedStamp)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, newStamp), cancellationToken))
            .ConfigureAwait(false);
        return updated == 1;
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);

        // The foreign keys delete the user's credentials and login names with the user, in the same statement.
        var deleted = await DatabaseUnavailable.Translate(Users.Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken)).ConfigureAwait(false);
        return deleted == 0 ? PasskeyStoreResult.NotFound : PasskeyStoreResult.Success;
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> AddAsync(PasskeyCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var entity = PasskeyEntityMapper.ToEntity(credential);
        try
        {
            try
            {
                await PasskeySql.InsertRetriableAsync(
                    Context,
                    entity,
                    (c, ct) => c.Set<PasskeyCredentialEntity>().AnyAsync(r => r.CredentialId == entity.CredentialId && r.UserId == entity.UserId, ct),
                    cancellationToken).ConfigureAwait(false);
                return PasskeyStoreResult.Success;
            }
            catch (DbException e) when (!DatabaseUnavailable.Is(e))
            {
                // A missing user breaks the foreign key; a known credential id breaks the primary key.
                if (!await Users.AnyAsync(u => u.Id == entity.UserId, cancellationToken).ConfigureAwait(false))
                {
                    return PasskeyStoreResult.NotFound;
                }

                if (await Credentials.AnyAsync(c => c.CredentialId == entity.CredentialId, cancellationToken).ConfigureAwait(false))
                {
                    return PasskeyStoreResult.DuplicateCredential;
                }

                throw;
            }
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            throw DatabaseUnavailable.Exception(e);
        }
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyCredential?> FindByIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        var entity = await DatabaseUnavailable.Translate(Queries.CredentialById(Context, credentialId, cancellationToken)).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<(PasskeyCredential Credential, PasskeyUser User)?> FindWithOwnerAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);

        // One query (a join) instead of two: every sign-in needs both.
        var row = await DatabaseUnavailable.Translate(Queries.CredentialWithOwnerById(Context, credentialId, cancellationToken)).ConfigureAwait(false);
        return row is null ? null : (PasskeyEntityMapper.ToRecord(row.Credential), PasskeyEntityMapper.ToRecord(row.User));
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<PasskeyCredential>> ListByUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var credentials = new List<PasskeyCredential>();
        try
        {
            await foreach (var entity in Queries.CredentialsByUser(Context, userId).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                credentials.Add(PasskeyEntityMapper.ToRecord(entity));
            }
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            throw DatabaseUnavailable.Exception(e);
        }

        return credentials;
    }

    /// <inheritdoc />
    public virtual async Task<bool> UpdateUsageAsync(PasskeyCredential credential, uint expectedSignCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        // One short write per sign-in, as SQL text (see PasskeySql); the sign count in the WHERE clause lets only
        // one of two concurrent sign-ins through. After a lost answer, the row holding this sign-in's count and time
        // means it was written.
        var (id, signCount, lastUsedAt) = (credential.CredentialId, credential.SignCount, credential.LastUsedAt);
        var updated = await DatabaseUnavailable.Translate(PasskeySql.ExecuteRetriableAsync(
                Context,
                PasskeySql.UsageUpdate(Context),
                PasskeySql.UsageUpdateValues(Context, credential, expectedSignCount),
                (c, ct) => c.Set<PasskeyCredentialEntity>().AnyAsync(r => r.CredentialId == id && r.SignCount == signCount && r.LastUsedAt == lastUsedAt, ct),
                cancellationToken))
            .ConfigureAwait(false);
        return updated == 1;
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> RenameAsync(string userId, byte[] credentialId, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(credentialId);
        var updated = await DatabaseUnavailable.Translate(Credentials
            .Where(c => c.CredentialId == credentialId && c.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, name), cancellationToken))
            .ConfigureAwait(false);
        return updated == 0 ? PasskeyStoreResult.NotFound : PasskeyStoreResult.Success;
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> DeleteAsync(string userId, byte[] credentialId, bool allowLast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(credentialId);
        if (allowLast)
        {
            var deleted = await DatabaseUnavailable.Translate(Credentials
                .Where(c => c.CredentialId == credentialId && c.UserId == userId)
                .ExecuteDeleteAsync(cancellationToken))
                .ConfigureAwait(false);
            return deleted == 0 ? PasskeyStoreResult.NotFound : PasskeyStoreResult.Success;
        }

        // Writing the user's row first serializes concurrent deletes of the same user's credentials, so two of
        // them cannot both see "one other left" and delete the last two.
        return await DatabaseUnavailable.Translate(InTransactionAsync(
            (UserId: userId, CredentialId: credentialId),
            static async (context, delete, ct) =>
            {
                var (userId, credentialId) = delete;
                var credentials = context.Set<PasskeyCredentialEntity>();
                var locked = await context.Set<PasskeyUserEntity>()
                    .Where(u => u.Id == userId)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, u => u.DisplayName), ct)
                    .ConfigureAwait(false);
                if (locked == 0)
                {
                    return PasskeyStoreResult.NotFound;
                }

                var deleted = await credentials
                    .Where(c => c.CredentialId == credentialId && c.UserId == userId && credentials.Count(o => o.UserId == userId) > 1)
                    .ExecuteDeleteAsync(ct)
                    .ConfigureAwait(false);
                return deleted == 1
                    ? PasskeyStoreResult.Success
                    : await credentials.AnyAsync(c => c.CredentialId == credentialId && c.UserId == userId, ct).ConfigureAwait(false)
                        ? PasskeyStoreResult.LastCredential
                        : PasskeyStoreResult.NotFound;
            },
            verifySucceeded: null,
            cancellationToken)).ConfigureAwait(false);
    }

    // Runs the writes in one transaction (the app's own, when it has one open), through the context's execution
    // strategy so that apps with retry-on-failure keep it: a retrying strategy refuses a transaction begun outside
    // it, and retries the whole transaction, never half of one. verifySucceeded, when given, tells whether a
    // transaction whose commit failed in flight did commit, before it is retried.
    private Task<TResult> InTransactionAsync<TState, TResult>(
        TState state,
        Func<TContext, TState, CancellationToken, Task<TResult>> writes,
        Func<TContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken)
        => Context.Database.CreateExecutionStrategy().ExecuteAsync(
            (Context, state, writes, verifySucceeded),
            static async (_, s, ct) =>
            {
                var (context, writeState, write, _) = s;
                if (context.Database.CurrentTransaction is not null)
                {
                    return await write(context, writeState, ct).ConfigureAwait(false);
                }

                var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await write(context, writeState, ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return result;
                }
            },
            verifySucceeded is null ? null : static (_, s, ct) => s.verifySucceeded!(s.Context, s.state, ct),
            cancellationToken);

    private static async Task InsertLoginNamesAsync(TContext context, PasskeyUserEntity user, CancellationToken cancellationToken)
    {
        foreach (var loginName in PasskeyEntityMapper.LoginNames(user))
        {
            await PasskeySql.InsertAsync(context, loginName, cancellationToken).ConfigureAwait(false);
        }
    }

    // After a refused write: which rule did it break? Checked in the order the in-memory store checks them.
    private async Task<PasskeyStoreResult> FindConflictAsync(PasskeyUserEntity user, byte[]? credentialId, CancellationToken cancellationToken)
    {
        if (await IsTakenByAnotherAsync(user.NormalizedUserName, user.Id, cancellationToken).ConfigureAwait(false))
        {
            return PasskeyStoreResult.UserNameTaken;
        }

        if (user.NormalizedEmail is not null && await IsTakenByAnotherAsync(user.NormalizedEmail, user.Id, cancellationToken).ConfigureAwait(false))
        {
            return PasskeyStoreResult.EmailTaken;
        }

        if (credentialId is not null
            && await Credentials.AnyAsync(c => c.CredentialId == credentialId, cancellationToken).ConfigureAwait(false))
        {
            return PasskeyStoreResult.DuplicateCredential;
        }

        return PasskeyStoreResult.Success;
    }

    // Whether another user has the normalized value as a login name, or (for rows written before the login names
    // table) as their name or email.
    private async Task<bool> IsTakenByAnotherAsync(string normalized, string userId, CancellationToken cancellationToken)
        => await LoginNames.AnyAsync(n => n.NormalizedName == normalized && n.UserId != userId, cancellationToken).ConfigureAwait(false)
            || await Users.AnyAsync(u => u.Id != userId && (u.NormalizedUserName == normalized || u.NormalizedEmail == normalized), cancellationToken)
                .ConfigureAwait(false);

    // The same queries the store wrote inline before, with no tracking; EF Core translates each once per model
    // instead of looking its expression up in the query cache on every call.
    private sealed class CompiledQueries
    {
        public readonly Func<TContext, string, CancellationToken, Task<PasskeyUserEntity?>> UserById =
            EF.CompileAsyncQuery((TContext context, string userId, CancellationToken _)
                => context.Set<PasskeyUserEntity>().AsNoTracking().FirstOrDefault(u => u.Id == userId));

        public readonly Func<TContext, byte[], CancellationToken, Task<PasskeyUserEntity?>> UserByHandle =
            EF.CompileAsyncQuery((TContext context, byte[] userHandle, CancellationToken _)
                => context.Set<PasskeyUserEntity>().AsNoTracking().FirstOrDefault(u => u.UserHandle == userHandle));

        public readonly Func<TContext, string, CancellationToken, Task<PasskeyUserEntity?>> UserByNormalizedName =
            EF.CompileAsyncQuery((TContext context, string normalizedUserName, CancellationToken _)
                => context.Set<PasskeyUserEntity>().AsNoTracking().FirstOrDefault(u => u.NormalizedUserName == normalizedUserName));

        public readonly Func<TContext, string, CancellationToken, Task<PasskeyUserEntity?>> UserByNormalizedEmail =
            EF.CompileAsyncQuery((TContext context, string normalizedEmail, CancellationToken _)
                => context.Set<PasskeyUserEntity>().AsNoTracking().FirstOrDefault(u => u.NormalizedEmail == normalizedEmail));

        public readonly Func<TContext, byte[], CancellationToken, Task<PasskeyCredentialEntity?>> CredentialById =
            EF.CompileAsyncQuery((TContext context, byte[] credentialId, CancellationToken _)
                => context.Set<PasskeyCredentialEntity>().AsNoTracking().FirstOrDefault(c => c.CredentialId == credentialId));

        public readonly Func<TContext, byte[], CancellationToken, Task<CredentialWithOwner?>> CredentialWithOwnerById =
            EF.CompileAsyncQuery((TContext context, byte[] credentialId, CancellationToken _)
                => (from c in context.Set<PasskeyCredentialEntity>().AsNoTracking()
                    join u in context.Set<PasskeyUserEntity>().AsNoTracking() on c.UserId equals u.Id
                    where c.CredentialId == credentialId
                    select new CredentialWithOwner(c, u)).FirstOrDefault());

        public readonly Func<TContext, string, IAsyncEnumerable<PasskeyCredentialEntity>> CredentialsByUser =
            EF.CompileAsyncQuery<TContext, string, PasskeyCredentialEntity>((context, userId)
                => context.Set<PasskeyCredentialEntity>().AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.CreatedAt));
    }

    private sealed record CredentialWithOwner(PasskeyCredentialEntity Credential, PasskeyUserEntity User);
}
