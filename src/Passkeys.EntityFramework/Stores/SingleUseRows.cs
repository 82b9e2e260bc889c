using Microsoft.EntityFrameworkCore;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// What the ceremony and login-token stores share: rows that are added once, taken once, and expire.
/// </summary>
internal static class SingleUseRows
{
    /// <summary>Adds a row; a key that is already stored becomes an <see cref="InvalidOperationException"/>.</summary>
    public static async Task AddAsync<TEntity>(
        DbContext context, TEntity entity, Func<CancellationToken, Task<bool>> keyExists, string duplicateMessage, CancellationToken cancellationToken)
        where TEntity : class
    {
        var entry = context.Set<TEntity>().Add(entity);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            entry.State = EntityState.Detached;
            if (await keyExists(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException(duplicateMessage, ex);
            }

            throw;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Deletes the row with this key and returns it, in one statement: whoever's delete removed it owns it. An
    /// expired row is deleted too, but not returned.
    /// </summary>
    public static async Task<TEntity?> TakeAsync<TEntity>(
        DbContext context, string keyProperty, object key, Func<TEntity, bool> isLive, CancellationToken cancellationToken)
        where TEntity : class
    {
        var rows = await context.Set<TEntity>()
            .FromSqlRaw(AtomicTakeSql.For<TEntity>(context, keyProperty), key)
            .AsNoTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.Count == 1 && isLive(rows[0]) ? rows[0] : null;
    }
}
