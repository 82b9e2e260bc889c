namespace Passkeys;

/// <summary>
/// Represents a passkey provider (a password manager, a platform or a security key model) as account pages name
/// it: a name and, optionally, an icon for light and one for dark backgrounds.
/// </summary>
/// <remarks>
/// Found by the AAGUID of a passkey through <see cref="IPasskeyProviderCatalog"/>. An icon is a <c>data:</c> URI of
/// a PNG, SVG or WebP image in base64, or an <c>https</c> URL, meant for an <c>&lt;img src&gt;</c> (where an SVG's
/// scripts never run); see <see cref="PasskeyProviderOptions.Providers"/> for the rules configured entries follow.
/// </remarks>
public sealed class PasskeyProvider
{
    /// <summary>
    /// Gets the provider of passkeys whose AAGUID is all zeros or unknown: named "Passkey", with no icons.
    /// </summary>
    public static PasskeyProvider Unknown { get; } = new() { Name = "Passkey" };

    /// <summary>
    /// Gets or initializes the provider's name, such as "Google Password Manager".
    /// </summary>
    /// <remarks>At most <see cref="PasskeysDefaults.MaxCredentialNameLength"/> characters without control characters.</remarks>
    public string Name { get; init; } = string.Empty;

    /// <summary>
    /// Gets or initializes the icon for light backgrounds, or <see langword="null"/> for none.
    /// </summary>
    public string? IconLight { get; init; }

    /// <summary>
    /// Gets or initializes the icon for dark backgrounds, or <see langword="null"/> for none.
    /// </summary>
    public string? IconDark { get; init; }
}
