using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Passkeys.EntityFramework.Configurations;

/// <summary>
/// Configures the passkey users table: unique user handle, unique normalized user name and email.
/// </summary>
/// <param name="options">The table options.</param>
public sealed class PasskeyUserEntityConfiguration(PasskeysModelOptions options) : IEntityTypeConfiguration<PasskeyUserEntity>
{
    // The engine refuses a name or email whose normalized form is longer (case folding can lengthen it: ß to ss).
    internal const int MaxNormalizedLength = PasskeysDefaults.MaxNormalizedNameLength;

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PasskeyUserEntity> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(options.UsersTable, options.Schema);
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(128);
        builder.Property(u => u.UserHandle).HasMaxLength(PasskeysDefaults.MaxUserHandleLength);
        builder.Property(u => u.UserName).HasMaxLength(256);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(MaxNormalizedLength);
        builder.Property(u => u.DisplayName).HasMaxLength(256);
        builder.Property(u => u.Email).HasMaxLength(256);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(MaxNormalizedLength);
        builder.Property(u => u.PendingEmail).HasMaxLength(256);
        builder.Property(u => u.CreatedAt).HasConversion(PasskeyValueConverters.UtcTicks);
        builder.Property(u => u.SecurityStamp).HasMaxLength(PasskeySecurityStamp.MaxLength);

        builder.HasIndex(u => u.UserHandle).IsUnique();
        builder.HasIndex(u => u.NormalizedUserName).IsUnique();

        // Both SQLite and PostgreSQL let many rows have a NULL email under a unique index.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
    }
}
