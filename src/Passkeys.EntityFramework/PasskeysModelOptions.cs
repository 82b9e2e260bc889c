namespace Passkeys.EntityFramework;

/// <summary>
/// Options for the passkey tables that <c>ModelBuilder.UsePasskeys()</c> adds to a model.
/// </summary>
public sealed class PasskeysModelOptions
{
    /// <summary>
    /// Gets or sets the prefix of the table names.
    /// </summary>
    /// <remarks>
    /// Defaults to <c>Passkey</c>, which gives the tables <c>PasskeyUsers</c>, <c>PasskeyLoginNames</c>,
    /// <c>PasskeyCredentials</c>, <c>PasskeyCeremonies</c>, <c>PasskeyLoginTokens</c> and <c>PasskeyEmailOutbox</c>.
    /// </remarks>
    public string TablePrefix { get; set; } = "Passkey";

    /// <summary>
    /// Gets or sets the database schema of the tables, or <see langword="null"/> for the model's default schema.
    /// </summary>
    /// <remarks>Defaults to <see langword="null"/>. SQLite has no schemas and ignores it.</remarks>
    public string? Schema { get; set; }

    /// <summary>Gets the name of the users table.</summary>
    public string UsersTable => TablePrefix + "Users";

    /// <summary>Gets the name of the login names table: every user name and email address, normalized.</summary>
    public string LoginNamesTable => TablePrefix + "LoginNames";

    /// <summary>Gets the name of the credentials table.</summary>
    public string CredentialsTable => TablePrefix + "Credentials";

    /// <summary>Gets the name of the ceremonies table.</summary>
    public string CeremoniesTable => TablePrefix + "Ceremonies";

    /// <summary>Gets the name of the email login tokens table.</summary>
    public string LoginTokensTable => TablePrefix + "LoginTokens";

    /// <summary>Gets the name of the email outbox table.</summary>
    public string EmailOutboxTable => TablePrefix + "EmailOutbox";
}
