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
    public virtual Task SaveAsync(PasskeyCeremony ceremony, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        return SingleUseRows.AddAsync(Context, PasskeyEntityMapper.ToEntity(ceremony),
            ct => Context.Set<PasskeyCeremonyEntity>().AnyAsync(c => c.Id == ceremony.Id, ct),
            "A ceremony with this id already exists.", cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyCeremony?> TakeAsync(string ceremonyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremonyId);
        var now = TimeProvider.GetUtcNow();
        var row = await SingleUseRows.TakeAsync<PasskeyCeremonyEntity>(Context, nameof(PasskeyCeremonyEntity.Id), ceremonyId,
            c => c.ExpiresAt > now, cancellationToken).ConfigureAwait(false);
        return row is null ? null : PasskeyEntityMapper.ToRecord(row);
    }

    /// <inheritdoc />
    public virtual Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.GetUtcNow();
        return SingleUseRows.RemoveExpiredAsync(Context.Set<PasskeyCeremonyEntity>().Where(c => c.ExpiresAt <= now), cancellationToken);
    }
}
