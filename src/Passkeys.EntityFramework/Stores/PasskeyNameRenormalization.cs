namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// What <see cref="EntityFrameworkPasskeyStore{TContext}.RenormalizeNamesAsync"/> did.
/// </summary>
public sealed class PasskeyNameRenormalization
{
    internal PasskeyNameRenormalization(int usersRewritten, IReadOnlyList<string> usersNotRewritten)
    {
        UsersRewritten = usersRewritten;
        UsersNotRewritten = usersNotRewritten;
    }

    /// <summary>Gets how many users' normalized name, email or login names were rewritten.</summary>
    public int UsersRewritten { get; }

    /// <summary>
    /// Gets the ids of the users that keep their old form: their name or email now collides with another user's,
    /// or the normalizer refuses it.
    /// </summary>
    public IReadOnlyList<string> UsersNotRewritten { get; }
}
