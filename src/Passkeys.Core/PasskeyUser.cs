namespace Passkeys;

/// <summary>
/// Represents a person who signs in with passkeys.
/// </summary>
/// <remarks>
/// The facts fixed when the account is created are set by the constructor; only what a person may
/// change later is settable.
/// </remarks>
public sealed class PasskeyUser
{
    private readonly string _securityStamp;

    /// <summary>
    /// Initializes a new instance of <see cref="PasskeyUser"/>.
    /// </summary>
    /// <param name="id">The opaque, stable identifier of the user.</param>
    /// <param name="userHandle">The random WebAuthn user handle (32 to 64 bytes, never personal data).</param>
    /// <param name="userName">The unique user name.</param>
    /// <param name="createdAt">When the account was created.</param>
    public PasskeyUser(string id, byte[] userHandle, string userName, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(userHandle);
        ArgumentException.ThrowIfNullOrEmpty(userName);
        if (userHandle.Length is < PasskeysDefaults.MinUserHandleLength or > PasskeysDefaults.MaxUserHandleLength)
        {
            throw new ArgumentException(
                $"A user handle must be {PasskeysDefaults.MinUserHandleLength} to {PasskeysDefaults.MaxUserHandleLength} bytes long.",
                nameof(userHandle));
        }

        Id = id;
        UserHandle = userHandle;
        UserName = userName;
        DisplayName = userName;
        CreatedAt = createdAt;
        _securityStamp = PasskeySecurityStamp.Create();
    }

    /// <summary>
    /// Gets the opaque, stable identifier of the user.
    /// </summary>
    public string Id { get; }

    /// <summary>
    /// Gets the WebAuthn user handle: random bytes that tie discoverable credentials to this user.
    /// </summary>
    /// <remarks>See <see href="https://www.w3.org/TR/webauthn-3/#user-handle">WebAuthn §4 user handle</see>.</remarks>
    public byte[] UserHandle { get; }

    /// <summary>
    /// Gets or sets the user name, unique among user names and email addresses in its <see cref="PasskeyNameNormalizer"/> form.
    /// </summary>
    public string UserName { get; set; }

    /// <summary>
    /// Gets or sets the name shown to the person; defaults to the user name.
    /// </summary>
    public string DisplayName { get; set; }

    /// <summary>
    /// Gets or sets the verified email address: one its owner proved by following a link sent to it (or that the app
    /// verified elsewhere). Unique among email addresses and user names in its <see cref="PasskeyNameNormalizer"/>
    /// form when present; it alone receives sign-in links and notices and becomes the <c>email</c> claim.
    /// </summary>
    public string? Email { get; set; }

    /// <summary>
    /// Gets or sets an address given but not yet verified: at sign-up, or as the replacement of <see cref="Email"/>.
    /// </summary>
    /// <remarks>
    /// It reserves nothing: other accounts may name the same address, and the first owner to follow its
    /// verification link makes it their <see cref="Email"/>. It receives only that link.
    /// </remarks>
    public string? PendingEmail { get; set; }

    /// <summary>
    /// Gets when the account was created.
    /// </summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>
    /// Gets the security stamp: a random value every sign-in session of the user carries, replaced (by the store)
    /// to end all of those sessions at once.
    /// </summary>
    /// <remarks>
    /// A new user gets a fresh stamp from <see cref="PasskeySecurityStamp.Create"/>; stores set the stored one when
    /// they read a user back. The stamp is changed only through the store
    /// (<see cref="Stores.IPasskeyUserStore.UpdateSecurityStampAsync"/>, and by
    /// <see cref="Stores.IPasskeyUserStore.UpdateAsync"/> when the user name or email changes), never by
    /// <see cref="Stores.IPasskeyUserStore.UpdateAsync"/> from this property.
    /// </remarks>
    public string SecurityStamp
    {
        get => _securityStamp;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _securityStamp = value;
        }
    }
}
