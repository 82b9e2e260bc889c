using System.Text.Json;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Writes the well-known documents from configuration, once, as UTF-8 JSON: <c>/.well-known/webauthn</c> (related
/// origins), <c>assetlinks.json</c>, <c>apple-app-site-association</c> and <c>passkey-endpoints</c>. A document
/// with nothing configured is <see langword="null"/> and not served.
/// </summary>
internal static class WellKnownDocuments
{
    public static byte[]? RelatedOrigins(PasskeyOptions options)
        => options.RelatedOrigins.Count == 0 ? null
            : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string[]> { ["origins"] = [.. options.RelatedOrigins] });

    // Digital Asset Links: one statement per app; get_login_creds lets it use the site's passkeys and passwords.
    public static byte[]? AssetLinks(PasskeyHttpOptions options)
        => options.AndroidApps.Count == 0 ? null
            : JsonSerializer.SerializeToUtf8Bytes(options.AndroidApps.Select(app => new Dictionary<string, object>
            {
                ["relation"] = app.HandleAllUrls
                    ? new[] { "delegate_permission/common.handle_all_urls", "delegate_permission/common.get_login_creds" }
                    : ["delegate_permission/common.get_login_creds"],
                ["target"] = new Dictionary<string, object>
                {
                    ["namespace"] = "android_app",
                    ["package_name"] = app.PackageName,
                    ["sha256_cert_fingerprints"] = app.Sha256CertFingerprints.ToArray(),
                },
            }).ToArray());

    public static byte[]? AppleAppSiteAssociation(PasskeyHttpOptions options)
        => options.AppleAppIds.Count == 0 ? null
            : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["webcredentials"] = new Dictionary<string, string[]> { ["apps"] = [.. options.AppleAppIds] },
            });

    public static byte[]? PasskeyEndpoints(PasskeyHttpOptions options)
    {
        if (options.PasskeyEnrollUrl is null && options.PasskeyManageUrl is null)
        {
            return null;
        }

        var document = new Dictionary<string, string>();
        if (options.PasskeyEnrollUrl is { } enroll)
        {
            document["enroll"] = enroll;
        }

        if (options.PasskeyManageUrl is { } manage)
        {
            document["manage"] = manage;
        }

        return JsonSerializer.SerializeToUtf8Bytes(document);
    }
}
