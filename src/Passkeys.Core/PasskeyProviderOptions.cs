namespace Passkeys;

/// <summary>
/// Configures how passkey providers are named from AAGUIDs. Bound from the <c>Passkeys</c> configuration section by
/// <c>AddPasskeys(IConfiguration)</c>: <c>Passkeys:UseCommunityProviderList</c> and
/// <c>Passkeys:Providers:{aaguid}:Name</c>, <c>…:IconLight</c>, <c>…:IconDark</c>.
/// </summary>
public sealed class PasskeyProviderOptions
{
    /// <summary>
    /// Gets or sets whether the community list of passkey provider AAGUIDs embedded in this package names providers.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="true"/>. The list
    /// (<see href="https://github.com/passkeydeveloper/passkey-authenticator-aaguids">passkeydeveloper/passkey-authenticator-aaguids</see>)
    /// is maintained by the community for naming passkeys in account pages, which is all it is used for here. When
    /// <see langword="false"/>, only <see cref="Providers"/> names providers, and every other passkey reads "Passkey".
    /// </remarks>
    public bool UseCommunityProviderList { get; set; } = true;

    /// <summary>
    /// Gets or sets providers by AAGUID (such as <c>ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4</c>), added to the community
    /// list or taking the place of its entries.
    /// </summary>
    /// <remarks>
    /// Empty by default. Each entry needs a name of at most <see cref="PasskeysDefaults.MaxCredentialNameLength"/>
    /// characters without control characters; an icon left out keeps the community list's icon for that AAGUID, and an empty one removes it. An
    /// icon is a <c>data:</c> URI of a PNG, SVG or WebP image in base64 (<c>data:image/svg+xml;base64,…</c>) or an
    /// <c>https</c> URL, at most 64 KB; anything else (<c>javascript:</c>, <c>data:text/html</c>, <c>http</c>,
    /// spaces or quotes) fails at start-up, because icons end up in <c>&lt;img src&gt;</c> attributes of account
    /// pages. The all-zero AAGUID is every authenticator that does not say its model, so it can name none.
    /// </remarks>
    public IDictionary<string, PasskeyProvider> Providers { get; set; } = new Dictionary<string, PasskeyProvider>(StringComparer.OrdinalIgnoreCase);
}
