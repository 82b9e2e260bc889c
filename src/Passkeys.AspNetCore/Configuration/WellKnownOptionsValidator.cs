using System.Text.RegularExpressions;
using Passkeys.Configuration;

namespace Passkeys.AspNetCore.Configuration;

/// <summary>
/// Validates the options served as well-known documents: the Android apps of <c>assetlinks.json</c>, the Apple apps
/// of <c>apple-app-site-association</c> and the URLs of <c>passkey-endpoints</c>.
/// </summary>
internal static partial class WellKnownOptionsValidator
{
    public static void Validate(PasskeyHttpOptions options, List<string> failures)
    {
        foreach (var app in options.AndroidApps)
        {
            if (app is null || !PackageName().IsMatch(app.PackageName ?? string.Empty))
            {
                failures.Add($"Passkeys:AndroidApps has the package name '{app?.PackageName}'; write the app's package name, such as 'com.example.app'.");
                continue;
            }

            if (app.Sha256CertFingerprints is null || app.Sha256CertFingerprints.Count == 0
                || app.Sha256CertFingerprints.Any(f => f is null || !Fingerprint().IsMatch(f))
                || app.Sha256CertFingerprints.Distinct(StringComparer.Ordinal).Count() != app.Sha256CertFingerprints.Count)
            {
                failures.Add($"Passkeys:AndroidApps '{app.PackageName}' needs its signing certificates' SHA-256 fingerprints, each once, as 32 upper-case hex bytes separated by colons (14:6D:E9:…), as 'keytool -list -v' prints them.");
            }
        }

        if (options.AndroidApps.Where(a => a is not null).GroupBy(a => a.PackageName, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            failures.Add("Passkeys:AndroidApps names one package twice; list each app once, with all its fingerprints.");
        }

        foreach (var app in options.AppleAppIds)
        {
            if (app is null || !AppleAppId().IsMatch(app))
            {
                failures.Add($"Passkeys:AppleAppIds has '{app}'; write the 10-character team id, a dot and the bundle id, such as 'ABCDE12345.com.example.app'.");
            }
        }

        if (options.AppleAppIds.Distinct(StringComparer.Ordinal).Count() != options.AppleAppIds.Count)
        {
            failures.Add("Passkeys:AppleAppIds names one app twice; list each app once.");
        }

        ValidateUrl(options.PasskeyEnrollUrl, nameof(PasskeyHttpOptions.PasskeyEnrollUrl), failures);
        ValidateUrl(options.PasskeyManageUrl, nameof(PasskeyHttpOptions.PasskeyManageUrl), failures);
    }

    // The passkey endpoints document holds absolute URLs: a credential manager opens them outside the site.
    private static void ValidateUrl(string? url, string key, List<string> failures)
    {
        if (url is null)
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown
            || !string.IsNullOrEmpty(uri.UserInfo) || url.Contains('#', StringComparison.Ordinal)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && OriginRules.IsLocalhost(uri.Host))))
        {
            failures.Add($"Passkeys:{key} is '{url}'; write an absolute https URL (http only on localhost) without a fragment, such as 'https://example.com/account/passkeys'.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PackageName();

    [GeneratedRegex(@"^([0-9A-F]{2}:){31}[0-9A-F]{2}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Fingerprint();

    [GeneratedRegex(@"^[A-Z0-9]{10}\.[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AppleAppId();
}
