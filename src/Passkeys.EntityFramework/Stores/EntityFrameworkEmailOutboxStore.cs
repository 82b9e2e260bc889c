using Microsoft.EntityFrameworkCore;
using Passkeys.Stores;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// Keeps the email outbox in the app's <typeparamref name="TContext"/>. A claim is one conditional
/// <c>UPDATE … WHERE Id = @id AND Version = @version</c>: of the nodes racing for a message, the one whose update
/// changed a row holds it, on any provider.
/// </summary>
/// <typeparam name="TContext">The app's context; its model must include <c>modelBuilder.UsePasskeys()</c>.</typeparam>
/// <param name="context">The context.</param>
/// <param name="timeProvider">The clock that decides when messages are due.</param>
public class EntityFrameworkEmailOutboxStore<TContext>(TContext context, TimeProvider timeProvider) : IPasskeyEmailOutboxStore
    where TContext : DbContext
{
    // How many due messages one claim looks at: when other nodes win the first, the next is tried.
    private const int Candidates = 8;

    /// <summary>Gets the context the store works on.</summary>
    protected TContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Gets the clock that decides when messages are due.</summary>
    protected TimeProvider TimeProvider { get; } = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    private DbSet<PasskeyEmailOutboxEntity> Messages => Context.Set<PasskeyEmailOutboxEntity>();

    /// <inheritdoc />
    public virtual async Task<PasskeyEmailOutboxEnqueueResult> EnqueueAsync(
        PasskeyEmailOutboxMessage message, int capacity, int partitionCapacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lane = message.Lane;
        var partition = message.Partition;
        var held = await Messages.CountAsync(m => m.Lane == lane && m.Partition == partition, cancellationToken).ConfigureAwait(false);
        if (held >= partitionCapacity)
        {
            return PasskeyEmailOutboxEnqueueResult.PartitionFull;
        }

        if (await Messages.CountAsync(m => m.Lane == lane, cancellationToken).ConfigureAwait(false) >= capacity)
        {
            return PasskeyEmailOutboxEnqueueResult.Full;
        }

        var entity = new PasskeyEmailOutboxEntity
        {
            Id = message.Id,
            Kind = message.Kind,
            Payload = message.Payload,
            Partition = partition,
            Lane = lane,
            Rank = held,
            DueAt = message.DueAt,
            Attempts = message.Attempts,
            Version = message.Version,
        };
        await PasskeySql.InsertAsync(Context, entity, cancellationToken).ConfigureAwait(false);
        return PasskeyEmailOutboxEnqueueResult.Queued;
    }

    /// <inheritdoc />
    public virtual async Task<PasskeyEmailOutboxMessage?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = TimeProvider.GetUtcNow();
        var leaseEnds = now + lease;
        var due = await Messages.AsNoTracking()
            .Where(m => m.DueAt <= now)
            .OrderBy(m => m.Lane).ThenBy(m => m.Rank).ThenBy(m => m.DueAt)
            .Take(Candidates)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in due)
        {
            var version = row.Version;
            var attempts = row.Attempts + 1;
            var claimed = await Messages
                .Where(m => m.Id == row.Id && m.Version == version)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Version, version + 1).SetProperty(m => m.DueAt, leaseEnds).SetProperty(m => m.Attempts, attempts),
                    cancellationToken)
                .ConfigureAwait(false);
            if (claimed == 1)
            {
                return new PasskeyEmailOutboxMessage(row.Id, row.Kind, row.Payload, row.Partition, row.Lane, leaseEnds)
                {
                    Attempts = attempts,
                    Version = version + 1,
                };
            }
        }

        return null;
    }

    /// <inheritdoc />
    public virtual async Task<bool> RescheduleAsync(PasskeyEmailOutboxMessage message, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.Id;
        var version = message.Version;
        var updated = await Messages
            .Where(m => m.Id == id && m.Version == version)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, version + 1).SetProperty(m => m.DueAt, dueAt), cancellationToken)
            .ConfigureAwait(false);
        if (updated == 1)
        {
            message.Version = version + 1;
            message.DueAt = dueAt;
        }

        return updated == 1;
    }

    /// <inheritdoc />
    public virtual async Task<bool> RemoveAsync(PasskeyEmailOutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.Id;
        var version = message.Version;
        return await Messages.Where(m => m.Id == id && m.Version == version).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
