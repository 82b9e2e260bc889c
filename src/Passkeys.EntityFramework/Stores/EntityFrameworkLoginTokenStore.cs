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
    public virtual Task SaveAsync(PasskeyLoginToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var entity = PasskeyEntityMapper.ToEntity(token);
        return SingleUseRows.AddAsync(Context, entity,
            ct => Context.Set<PasskeyLoginTokenEntity>().AnyAsync(t => t.TokenHash == entity.TokenHash, ct),
            "A token with this hash already exists.", cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyLoginToken?> FindAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        var now = TimeProvider.GetUtcNow();
        var row = await DatabaseUnavailable.Translate(Context.Set<PasskeyLoginTokenEntity>().AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken)).ConfigureAwait(false);
        return row is null || row.ExpiresAt <= now ? null : PasskeyEntityMapper.ToRecord(row);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyLoginToken?> TakeAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        var now = TimeProvider.GetUtcNow();
        var row = await SingleUseRows.TakeAsync<PasskeyLoginTokenEntity>(Context, nameof(PasskeyLoginTokenEntity.TokenHash), tokenHash,
            t => t.ExpiresAt > now, cancellationToken).ConfigureAwait(false);
        return row is null ? null : PasskeyEntityMapper.ToRecord(row);
    }

    /// <inheritdoc />
    public virtual Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.GetUtcNow();
        return SingleUseRows.RemoveExpiredAsync(Context.Set<PasskeyLoginTokenEntity>().Where(t => t.ExpiresAt <= now), cancellationToken);
    }
}
