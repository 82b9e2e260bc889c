using Microsoft.EntityFrameworkCore;
using Passkeys.Stores;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// Keeps ceremonies in progress in the app's <typeparamref name="TContext"/>. A ceremony is taken with one
/// <c>DELETE … RETURNING</c> statement, so two nodes sharing one database cannot both complete it.
/// </summary>
/// <typeparam name="TContext">The app's context; its model must include <c>modelBuilder.UsePasskeys()</c>.</typeparam>
/// <param name="context">The context.</param>
/// <param name="timeProvider">The clock that decides expiry.</param>
public class EntityFrameworkCeremonyStore<TContext>(TContext context, TimeProvider timeProvider) : IPasskeyCeremonyStore
    where TContext : DbContext
{
    /// <summary>Gets the context the store works on.</summary>
    protected TContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Gets the clock that decides expiry.</summary>
    protected TimeProvider TimeProvider { get; } = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <inheritdoc />
    public virtual async Task SaveAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        var entity = PasskeyEntityMapper.ToEntity(ceremony);
        var entry = Context.Set<PasskeyCeremonyEntity>().Add(entity);
        try
        {
            await Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            entry.State = EntityState.Detached;
            if (await ExistsAsync(ceremony.Id, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("A ceremony with this id already exists.", ex);
            }

            throw;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyCeremony?> TakeAsync(string ceremonyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremonyId);

        // One statement deletes the row and returns it: whoever's delete removed it owns it. An expired row is
        // deleted too, but not returned.
        var sql = AtomicTakeSql.For<PasskeyCeremonyEntity>(Context, nameof(PasskeyCeremonyEntity.Id));
        var rows = await Context.Set<PasskeyCeremonyEntity>()
            .FromSqlRaw(sql, ceremonyId)
            .AsNoTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.Count == 1 && rows[0].ExpiresAt > TimeProvider.GetUtcNow() ? PasskeyEntityMapper.ToRecord(rows[0]) : null;
    }

    /// <inheritdoc />
    public virtual Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.GetUtcNow();
        return Context.Set<PasskeyCeremonyEntity>().Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private Task<bool> ExistsAsync(string ceremonyId, CancellationToken cancellationToken)
        => Context.Set<PasskeyCeremonyEntity>().AnyAsync(c => c.Id == ceremonyId, cancellationToken);
}
