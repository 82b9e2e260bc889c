using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Passkeys.EntityFramework.Configurations;

/// <summary>
/// Configures the passkey login names table: the normalized name is the key, each row belongs to a user, and
/// deleting the user deletes their rows.
/// </summary>
/// <param name="options">The table options.</param>
public sealed class PasskeyLoginNameEntityConfiguration(PasskeysModelOptions options) : IEntityTypeConfiguration<PasskeyLoginNameEntity>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PasskeyLoginNameEntity> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(options.LoginNamesTable, options.Schema);
        builder.HasKey(n => n.NormalizedName);
        builder.Property(n => n.NormalizedName).HasMaxLength(PasskeyUserEntityConfiguration.MaxNormalizedLength);
        builder.Property(n => n.UserId).HasMaxLength(128);

        builder.HasOne<PasskeyUserEntity>()
            .WithMany()
            .HasForeignKey(n => n.UserId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.UserId);
    }
}
