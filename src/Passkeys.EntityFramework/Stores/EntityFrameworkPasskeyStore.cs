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
/// <see cref="PasskeyStoreResult"/>. Reads use no tracking, and records are mapped to and from the rows, so
/// callers never hold tracked entities. A sign-in is saved with one conditional <c>UPDATE</c>.
/// </remarks>
/// <typeparam name="TContext">The app's context; its model must include <c>modelBuilder.UsePasskeys()</c>.</typeparam>
/// <param name="context">The context.</param>
public class EntityFrameworkPasskeyStore<TContext>(TContext context) : IPasskeyUserStore, IPasskeyCredentialStore, IPasskeyCredentialOwnerStore
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

        // Both rows in one transaction: both or neither. Two INSERTs as SQL text (see PasskeySql), through the
        // context's execution strategy so that apps with retry-on-failure keep it.
        var userEntity = PasskeyEntityMapper.ToEntity(user);
        var credentialEntity = PasskeyEntityMapper.ToEntity(credential);
        try
        {
            await Context.Database.CreateExecutionStrategy().ExecuteAsync(
                (Context, userEntity, credentialEntity),
                static async (_, state, ct) =>
                {
                    var (context, userRow, credentialRow) = state;
                    if (context.Database.CurrentTransaction is not null)
                    {
                        // The app's own transaction holds both rows.
                        await InsertBothAsync(context, userRow, credentialRow, ct).ConfigureAwait(false);
                        return true;
                    }

                    var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        await InsertBothAsync(context, userRow, credentialRow, ct).ConfigureAwait(false);
                        await transaction.CommitAsync(ct).ConfigureAwait(false);
                    }

                    return true;
                },
                verifySucceeded: null,
                cancellationToken).ConfigureAwait(false);
            return PasskeyStoreResult.Success;
        }
        catch (DbException)
        {
            var conflict = await FindConflictAsync(userEntity, credentialEntity.CredentialId, cancellationToken).ConfigureAwait(false);
            if (conflict == PasskeyStoreResult.Success)
            {
                throw;
            }

            return conflict;
        }
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var entity = await Queries.UserById(Context, userId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyUser?> FindByUserHandleAsync(byte[] userHandle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userHandle);
        var entity = await Queries.UserByHandle(Context, userHandle, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var normalized = PasskeyEntityMapper.Normalize(userName);
        var entity = await Queries.UserByNormalizedName(Context, normalized, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = PasskeyEntityMapper.Normalize(email);
        var entity = await Queries.UserByNormalizedEmail(Context, normalized, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entity = PasskeyEntityMapper.ToEntity(user);

        // A new user name or email replaces the stamp in the same statement (every right-hand side of an UPDATE reads
        // the row as it was), which ends the user's other sessions.
        var newStamp = PasskeySecurityStamp.Create();
        try
        {
            var updated = await Users
                .Where(u => u.Id == entity.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(u => u.UserName, entity.UserName)
                        .SetProperty(u => u.NormalizedUserName, entity.NormalizedUserName)
                        .SetProperty(u => u.DisplayName, entity.DisplayName)
                        .SetProperty(u => u.Email, entity.Email)
                        .SetProperty(u => u.NormalizedEmail, entity.NormalizedEmail)
                        .SetProperty(
                            u => u.SecurityStamp,
                            u => u.UserName == entity.UserName && u.Email == entity.Email ? u.SecurityStamp : newStamp),
                    cancellationToken)
                .ConfigureAwait(false);
            return updated == 0 ? PasskeyStoreResult.NotFound : PasskeyStoreResult.Success;
        }
        catch (DbException)
        {
            var conflict = await FindConflictAsync(entity, credentialId: null, cancellationToken).ConfigureAwait(false);
            if (conflict == PasskeyStoreResult.Success)
            {
                throw;
            }

            return conflict;
        }
    }

    /// <inheritdoc />
    public virtual async Task<bool> UpdateSecurityStampAsync(string userId, string expectedStamp, string newStamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(expectedStamp);
        ArgumentException.ThrowIfNullOrEmpty(newStamp);

        // One conditional UPDATE: the expected stamp in the WHERE clause lets only one of two concurrent callers through.
        var updated = await Users
            .Where(u => u.Id == userId && u.SecurityStamp == expectedStamp)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, newStamp), cancellationToken)
            .ConfigureAwait(false);
        return updated == 1;
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);

        // The foreign key deletes the user's credentials with the user, in the same statement.
        var deleted = await Users.Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? PasskeyStoreResult.NotFound : PasskeyStoreResult.Success;
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> AddAsync(PasskeyCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var entity = PasskeyEntityMapper.ToEntity(credential);
        try
        {
            await PasskeySql.InsertAsync(Context, entity, cancellationToken).ConfigureAwait(false);
            return PasskeyStoreResult.Success;
        }
        catch (DbException)
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

    /// <inheritdoc />
    public virtual async Task<PasskeyCredential?> FindByIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        var entity = await Queries.CredentialById(Context, credentialId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PasskeyEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public virtual async Task<(PasskeyCredential Credential, PasskeyUser User)?> FindWithOwnerAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);

        // One query (a join) instead of two: every sign-in needs both.
        var row = await Queries.CredentialWithOwnerById(Context, credentialId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : (PasskeyEntityMapper.ToRecord(row.Credential), PasskeyEntityMapper.ToRecord(row.User));
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<PasskeyCredential>> ListByUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var credentials = new List<PasskeyCredential>();
        await foreach (var entity in Queries.CredentialsByUser(Context, userId).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            credentials.Add(PasskeyEntityMapper.ToRecord(entity));
        }

        return credentials;
    }

    /// <inheritdoc />
    public virtual async Task<bool> UpdateUsageAsync(PasskeyCredential credential, uint expectedSignCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        // One short write per sign-in, as SQL text (see PasskeySql); the sign count in the WHERE clause lets only
        // one of two concurrent sign-ins through.
        var updated = await PasskeySql.ExecuteAsync(Context, PasskeySql.UsageUpdate(Context), PasskeySql.UsageUpdateValues(Context, credential, expectedSignCount), cancellationToken)
            .ConfigureAwait(false);
        return updated == 1;
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyStoreResult> RenameAsync(string userId, byte[] credentialId, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(credentialId);
        var updated = await Credentials
            .Where(c => c.CredentialId == credentialId && c.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, name), cancellationToken)
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
            var deleted = await Credentials
                .Where(c => c.CredentialId == credentialId && c.UserId == userId)
                .ExecuteDeleteAsync(cancellationToken)
                .ConfigureAwait(false);
            return deleted == 0 ? PasskeyStoreResult.NotFound : PasskeyStoreResult.Success;
        }

        // Writing the user's row first serializes concurrent deletes of the same user's credentials, so two of
        // them cannot both see "one other left" and delete the last two.
        IDbContextTransaction? transaction = Context.Database.CurrentTransaction is null
            ? await Context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var locked = await Users
                .Where(u => u.Id == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, u => u.DisplayName), cancellationToken)
                .ConfigureAwait(false);
            var result = PasskeyStoreResult.NotFound;
            if (locked == 1)
            {
                var deleted = await Credentials
                    .Where(c => c.CredentialId == credentialId && c.UserId == userId && Credentials.Count(o => o.UserId == userId) > 1)
                    .ExecuteDeleteAsync(cancellationToken)
                    .ConfigureAwait(false);
                result = deleted == 1
                    ? PasskeyStoreResult.Success
                    : await Credentials.AnyAsync(c => c.CredentialId == credentialId && c.UserId == userId, cancellationToken).ConfigureAwait(false)
                        ? PasskeyStoreResult.LastCredential
                        : PasskeyStoreResult.NotFound;
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // After a refused write: which rule did it break? Checked in the order the in-memory store checks them.
    private static async Task InsertBothAsync(TContext context, PasskeyUserEntity user, PasskeyCredentialEntity credential, CancellationToken cancellationToken)
    {
        await PasskeySql.InsertAsync(context, user, cancellationToken).ConfigureAwait(false);
        await PasskeySql.InsertAsync(context, credential, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PasskeyStoreResult> FindConflictAsync(PasskeyUserEntity user, byte[]? credentialId, CancellationToken cancellationToken)
    {
        if (await Users.AnyAsync(u => u.Id != user.Id && u.NormalizedUserName == user.NormalizedUserName, cancellationToken).ConfigureAwait(false))
        {
            return PasskeyStoreResult.UserNameTaken;
        }

        if (user.NormalizedEmail is not null
            && await Users.AnyAsync(u => u.Id != user.Id && u.NormalizedEmail == user.NormalizedEmail, cancellationToken).ConfigureAwait(false))
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
