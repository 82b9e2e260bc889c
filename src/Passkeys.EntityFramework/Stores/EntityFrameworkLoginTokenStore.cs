using Microsoft.EntityFrameworkCore;
using Passkeys.Stores;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// Keeps emailed sign-in tokens in the app's <typeparamref name="TContext"/>, keyed by the hash of their secret.
/// A token is taken with one <c>DELETE … RETURNING</c> statement, so it signs in once, on one node.
/// </summary>
/// <typeparam name="TContext">The app's context; its model must include <c>modelBuilder.UsePasskeys()</c>.</typeparam>
/// <param name="context">The context.</param>
/// <param name="timeProvider">The clock that decides expiry.</param>
public class EntityFrameworkLoginTokenStore<TContext>(TContext context, TimeProvider timeProvider) : IPasskeyLoginTokenStore
    where TContext : DbContext
{
    /// <summary>Gets the context the store works on.</summary>
    protected TContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Gets the clock that decides expiry.</summary>
    protected TimeProvider TimeProvider { get; } = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <inheritdoc />
    public virtual async Task SaveAsync(PasskeyLoginToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var entity = PasskeyEntityMapper.ToEntity(token);
        var entry = Context.Set<PasskeyLoginTokenEntity>().Add(entity);
        try
        {
            await Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            entry.State = EntityState.Detached;
            if (await ExistsAsync(entity.TokenHash, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("A token with this hash already exists.", ex);
            }

            throw;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyLoginToken?> TakeAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        var sql = AtomicTakeSql.For<PasskeyLoginTokenEntity>(Context, nameof(PasskeyLoginTokenEntity.TokenHash));
        var rows = await Context.Set<PasskeyLoginTokenEntity>()
            .FromSqlRaw(sql, tokenHash)
            .AsNoTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.Count == 1 && rows[0].ExpiresAt > TimeProvider.GetUtcNow() ? PasskeyEntityMapper.ToRecord(rows[0]) : null;
    }

    /// <inheritdoc />
    public virtual Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.GetUtcNow();
        return Context.Set<PasskeyLoginTokenEntity>().Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private Task<bool> ExistsAsync(byte[] tokenHash, CancellationToken cancellationToken)
        => Context.Set<PasskeyLoginTokenEntity>().AnyAsync(t => t.TokenHash == tokenHash, cancellationToken);
}
