using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Passkeys.EntityFramework.Configurations;

/// <summary>
/// Configures the ceremonies table, indexed by expiry for sweeping.
/// </summary>
/// <param name="options">The table options.</param>
public sealed class PasskeyCeremonyEntityConfiguration(PasskeysModelOptions options) : IEntityTypeConfiguration<PasskeyCeremonyEntity>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PasskeyCeremonyEntity> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(options.CeremoniesTable, options.Schema);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(128);
        builder.Property(c => c.UserId).HasMaxLength(128);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Origin).HasMaxLength(512);
        builder.Property(c => c.ExpiresAt).HasConversion(PasskeyValueConverters.UtcTicks);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
