using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Passkeys.EntityFramework.Configurations;

/// <summary>
/// Configures the email login tokens table: keyed by the hash of the secret, indexed by expiry for sweeping.
/// </summary>
/// <param name="options">The table options.</param>
public sealed class PasskeyLoginTokenEntityConfiguration(PasskeysModelOptions options) : IEntityTypeConfiguration<PasskeyLoginTokenEntity>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PasskeyLoginTokenEntity> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(options.LoginTokensTable, options.Schema);
        builder.HasKey(t => t.TokenHash);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.UserId).HasMaxLength(128);
        builder.Property(t => t.BrowserBindingHash).HasMaxLength(64);
        builder.Property(t => t.ExpiresAt).HasConversion(PasskeyValueConverters.UtcTicks);
        builder.HasIndex(t => t.ExpiresAt);
    }
}
