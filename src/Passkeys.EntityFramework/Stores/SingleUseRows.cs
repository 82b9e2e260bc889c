using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// What the ceremony and login-token stores share: rows that are added once, taken once, and expire.
/// </summary>
internal static class SingleUseRows
{
    /// <summary>Adds a row with one <c>INSERT</c>; a key that is already stored becomes an <see cref="InvalidOperationException"/>.</summary>
    public static async Task AddAsync<TEntity>(
        DbContext context, TEntity entity, Func<CancellationToken, Task<bool>> keyExists, string duplicateMessage, CancellationToken cancellationToken)
        where TEntity : class
    {
        try
        {
            try
            {
                // The key is new and random, so finding it after a lost answer means this insert wrote it.
                await PasskeySql.InsertRetriableAsync(context, entity, (_, ct) => keyExists(ct), cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex) when (!DatabaseUnavailable.Is(ex))
            {
                if (await keyExists(cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException(duplicateMessage, ex);
                }

                throw;
            }
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            throw DatabaseUnavailable.Exception(e);
        }
    }

    /// <summary>Deletes the expired rows with one <c>DELETE</c>.</summary>
    public static Task<int> RemoveExpiredAsync<TEntity>(IQueryable<TEntity> expired, CancellationToken cancellationToken)
        => DatabaseUnavailable.Translate(expired.ExecuteDeleteAsync(cancellationToken));

    /// <summary>
    /// Deletes the row with this key and returns it, in one statement: whoever's delete removed it owns it. An
    /// expired row is deleted too, but not returned.
    /// </summary>
    public static async Task<TEntity?> TakeAsync<TEntity>(
        DbContext context, string keyProperty, object key, Func<TEntity, bool> isLive, CancellationToken cancellationToken)
        where TEntity : class
    {
        var rows = await DatabaseUnavailable.Translate(context.Set<TEntity>()
            .FromSqlRaw(PasskeySql.Take<TEntity>(context, keyProperty), PasskeySql.Value<TEntity>(context, keyProperty, key)!)
            .AsNoTracking()
            .ToListAsync(cancellationToken))
            .ConfigureAwait(false);
        return rows.Count == 1 && isLive(rows[0]) ? rows[0] : null;
    }
}
