using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Passkeys.EntityFramework.Configurations;

/// <summary>
/// Configures the email outbox table: keyed by message id, indexed by due time for claiming and by lane and
/// partition for counting shares.
/// </summary>
/// <param name="options">The table options.</param>
public sealed class PasskeyEmailOutboxEntityConfiguration(PasskeysModelOptions options) : IEntityTypeConfiguration<PasskeyEmailOutboxEntity>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PasskeyEmailOutboxEntity> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(options.EmailOutboxTable, options.Schema);
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.Partition).HasMaxLength(128);
        builder.Property(m => m.DueAt).HasConversion(PasskeyValueConverters.UtcTicks);
        builder.HasIndex(m => m.DueAt);
        builder.HasIndex(m => new { m.Lane, m.Partition });
    }
}
