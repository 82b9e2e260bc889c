namespace Passkeys.EntityFramework;

/// <summary>
/// Represents a row of the passkey login names table: a user name or email address in its normalized form
/// (<see cref="PasskeyNameNormalizer"/>) and the user it belongs to.
/// </summary>
/// <remarks>
/// User names and email addresses share this one table and its primary key, so the database itself refuses a user
/// name that is another user's email address (and the reverse), also when two nodes write at once. A user whose
/// name is their own email has one row.
/// </remarks>
public class PasskeyLoginNameEntity
{
    /// <summary>Gets or sets the normalized user name or email address (the primary key).</summary>
    public string NormalizedName { get; set; } = default!;

    /// <summary>Gets or sets the id of the user it belongs to.</summary>
    public string UserId { get; set; } = default!;
}
