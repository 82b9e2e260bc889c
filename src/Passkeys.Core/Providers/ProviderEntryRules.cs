using System.Buffers.Text;

namespace Passkeys.Providers;

/// <summary>
/// The rules every provider entry follows, from the community list or from configuration: an AAGUID that is not all
/// zeros, a name a passkey could be given, icons that are images and nothing else.
/// </summary>
/// <remarks>
/// Icons are written into <c>&lt;img src&gt;</c> attributes. There a <c>javascript:</c> or <c>data:text/html</c> URL
/// runs nothing in today's browsers, but the same string in a link or a frame would, so only image data URIs (PNG,
/// SVG, WebP, base64) and https URLs pass; an SVG's scripts never run when it is loaded as an image. Quotes, angle
/// brackets, backslashes, spaces and control characters never pass either, so an icon cannot leave an attribute
/// even in a page that forgets to encode it.
/// </remarks>
internal static class ProviderEntryRules
{
    /// <summary>The longest icon accepted, in characters.</summary>
    public const int MaxIconLength = 64 * 1024;

    private static readonly string[] ImagePrefixes = ["data:image/png;base64,", "data:image/svg+xml;base64,", "data:image/webp;base64,"];

    /// <summary>Reads an AAGUID key; <see langword="false"/> when it is not a GUID or is all zeros.</summary>
    public static bool TryReadAaguid(string? key, out Guid aaguid)
        => Guid.TryParse(key, out aaguid) && aaguid != Guid.Empty;

    /// <summary>Why a name cannot name a provider, or <see langword="null"/> when it can.</summary>
    public static string? NameProblem(string? name)
        => string.IsNullOrWhiteSpace(name) ? "is empty"
            : name.Length > PasskeysDefaults.MaxCredentialNameLength ? $"is longer than {PasskeysDefaults.MaxCredentialNameLength} characters"
            : name.Any(char.IsControl) ? "has a control character"
            // Format characters (bidi overrides such as U+202E, zero-width joiners) make a name read as another.
            : name.Any(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) ? "has an invisible format character (such as a bidi override)"
            : !string.Equals(name, name.Trim(), StringComparison.Ordinal) ? "starts or ends with a space"
            : null;

    /// <summary>Why an icon cannot be shown, or <see langword="null"/> when it can.</summary>
    public static string? IconProblem(string icon)
    {
        if (icon.Length > MaxIconLength)
        {
            return $"is longer than {MaxIconLength} characters";
        }

        if (icon.Any(c => c is <= ' ' or > '~' or '"' or '\'' or '<' or '>' or '\\' or '`'))
        {
            return "has a space, quote, angle bracket, backslash, control or non-ASCII character";
        }

        if (ImagePrefixes.FirstOrDefault(p => icon.StartsWith(p, StringComparison.Ordinal)) is { } prefix)
        {
            var data = icon.AsSpan(prefix.Length);
            return data.IsEmpty || !Base64.IsValid(data) ? "is a data URI whose base64 does not decode" : null;
        }

        return Uri.TryCreate(icon, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0 && uri.Host.Length > 0
            ? null
            : "is neither a data URI of a PNG, SVG or WebP image in base64 (data:image/svg+xml;base64,…) nor an https URL";
    }
}
