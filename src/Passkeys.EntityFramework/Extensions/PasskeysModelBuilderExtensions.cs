using Passkeys.EntityFramework;
using Passkeys.EntityFramework.Configurations;

namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Adds the passkey tables to an Entity Framework Core model.
/// </summary>
public static class PasskeysModelBuilderExtensions
{
    /// <summary>
    /// Adds the passkey users, their login names, credentials, ceremonies, email login tokens and the email outbox to the model of the app's own
    /// <see cref="DbContext"/>. Call it from <c>OnModelCreating</c>; no base context is needed.
    /// </summary>
    /// <remarks>
    /// Instants are stored as UTC ticks (64-bit integers) and sign counts as 64-bit integers, so that SQLite and
    /// PostgreSQL store, compare and order them the same way.
    /// </remarks>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="configure">Configures table names and schema, or <see langword="null"/> for the defaults.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder UsePasskeys(this ModelBuilder modelBuilder, Action<PasskeysModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var options = new PasskeysModelOptions();
        configure?.Invoke(options);
        if (options.TablePrefix is null)
        {
            throw new ArgumentException("PasskeysModelOptions.TablePrefix must not be null; use an empty string for no prefix.", nameof(configure));
        }

        modelBuilder.ApplyConfiguration(new PasskeyUserEntityConfiguration(options));
        modelBuilder.ApplyConfiguration(new PasskeyLoginNameEntityConfiguration(options));
        modelBuilder.ApplyConfiguration(new PasskeyCredentialEntityConfiguration(options));
        modelBuilder.ApplyConfiguration(new PasskeyCeremonyEntityConfiguration(options));
        modelBuilder.ApplyConfiguration(new PasskeyLoginTokenEntityConfiguration(options));
        modelBuilder.ApplyConfiguration(new PasskeyEmailOutboxEntityConfiguration(options));
        return modelBuilder;
    }
}
