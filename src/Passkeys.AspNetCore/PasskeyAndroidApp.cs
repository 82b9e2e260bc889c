namespace Passkeys.AspNetCore;

/// <summary>
/// Names an Android app that may use the site's passkeys, for <c>/.well-known/assetlinks.json</c>.
/// </summary>
/// <remarks>See <see cref="PasskeyHttpOptions.AndroidApps"/>.</remarks>
public sealed class PasskeyAndroidApp
{
    /// <summary>Gets or sets the app's package name, such as <c>com.example.app</c>.</summary>
    public string PackageName { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the SHA-256 fingerprints of the app's signing certificates, as upper-case hex bytes separated by
    /// colons (<c>14:6D:E9:…</c>, what <c>keytool -list -v</c> prints).
    /// </summary>
    public IList<string> Sha256CertFingerprints { get; set; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether the statement also grants
    /// <c>delegate_permission/common.handle_all_urls</c> (Android App Links), so the app opens the site's links.
    /// </summary>
    /// <remarks>Defaults to <see langword="false"/>: passkeys need only <c>common.get_login_creds</c>.</remarks>
    public bool HandleAllUrls { get; set; }
}
