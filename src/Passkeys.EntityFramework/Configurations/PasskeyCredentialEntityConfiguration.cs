using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Passkeys.EntityFramework.Configurations;

/// <summary>
/// Configures the passkey credentials table: the credential id is the key, each row belongs to a user, and
/// deleting the user deletes their credentials.
/// </summary>
/// <param name="options">The table options.</param>
public sealed class PasskeyCredentialEntityConfiguration(PasskeysModelOptions options) : IEntityTypeConfiguration<PasskeyCredentialEntity>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PasskeyCredentialEntity> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(options.CredentialsTable, options.Schema);
        builder.HasKey(c => c.CredentialId);
        builder.Property(c => c.CredentialId).HasMaxLength(PasskeysDefaults.MaxCredentialIdLength);
        builder.Property(c => c.UserId).HasMaxLength(128);
        builder.Property(c => c.SignCount).HasConversion(PasskeyValueConverters.Counter);
        builder.Property(c => c.Transports).HasMaxLength(256);
        builder.Property(c => c.AttestationFormat).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(256);
        builder.Property(c => c.CreatedAt).HasConversion(PasskeyValueConverters.UtcTicks);
        builder.Property(c => c.LastUsedAt).HasConversion(PasskeyValueConverters.UtcTicks);

        builder.HasOne<PasskeyUserEntity>()
            .WithMany()
            .HasForeignKey(c => c.UserId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.UserId);
    }
}
