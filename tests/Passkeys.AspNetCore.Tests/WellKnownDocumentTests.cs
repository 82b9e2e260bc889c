using System.Text;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// The well-known documents are served from configuration, exactly, only when configured, and a bad configuration
/// stops the app at start-up with a sentence.
/// </summary>
public class WellKnownDocumentTests
{
    private const string Fingerprint = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";

    private static readonly string[] Paths =
        ["/.well-known/webauthn", "/.well-known/assetlinks.json", "/.well-known/apple-app-site-association", "/.well-known/passkey-endpoints"];

    [Test]
    public async Task Nothing_is_served_when_nothing_is_configured()
    {
        await using var host = await PasskeysTestHost.StartAsync();
        using var client = host.CreateClient();
        foreach (var path in Paths)
        {
            using var response = await client.GetAsync(path);
            Assert.That((int)response.StatusCode, Is.EqualTo(404), path);
        }
    }

    [Test]
    public async Task Every_document_is_served_byte_exact_as_cacheable_json()
    {
        await using var host = await PasskeysTestHost.StartAsync(
            http: o =>
            {
                o.AndroidApps = [new PasskeyAndroidApp { PackageName = "com.example.app", Sha256CertFingerprints = [Fingerprint] },
                    new PasskeyAndroidApp { PackageName = "com.example.links", Sha256CertFingerprints = [Fingerprint], HandleAllUrls = true }];
                o.AppleAppIds = ["ABCDE12345.com.example.app"];
                o.PasskeyEnrollUrl = "https://localhost/account/passkeys/new";
                o.PasskeyManageUrl = "https://localhost/account/passkeys";
            },
            passkeys: o => o.RelatedOrigins = ["https://example.co.uk", "https://example.de"]);
        using var client = host.CreateClient();

        var expected = new Dictionary<string, string>
        {
            [Paths[0]] = """{"origins":["https://example.co.uk","https://example.de"]}""",
            [Paths[1]] = "[" + $$$"""{"relation":["delegate_permission/common.get_login_creds"],"target":{"namespace":"android_app","package_name":"com.example.app","sha256_cert_fingerprints":["{{{Fingerprint}}}"]}}"""
                + "," + $$$"""{"relation":["delegate_permission/common.handle_all_urls","delegate_permission/common.get_login_creds"],"target":{"namespace":"android_app","package_name":"com.example.links","sha256_cert_fingerprints":["{{{Fingerprint}}}"]}}""" + "]",
            [Paths[2]] = """{"webcredentials":{"apps":["ABCDE12345.com.example.app"]}}""",
            [Paths[3]] = """{"enroll":"https://localhost/account/passkeys/new","manage":"https://localhost/account/passkeys"}""",
        };
        foreach (var (path, body) in expected)
        {
            using var response = await client.GetAsync(path);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), path);
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(Encoding.UTF8.GetBytes(body)), path);
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json"), path);
            Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=3600"), path);
        }
    }

    [Test]
    public async Task A_passkey_endpoints_document_holds_only_the_urls_that_are_set()
    {
        await using var host = await PasskeysTestHost.StartAsync(http: o => o.PasskeyManageUrl = "https://localhost/account");
        using var client = host.CreateClient();
        using var response = await client.GetAsync("/.well-known/passkey-endpoints");
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"manage":"https://localhost/account"}"""));
    }

    private static IEnumerable<TestCaseData> BadConfigurations()
    {
        yield return Case(o => o.AndroidApps = [new PasskeyAndroidApp { PackageName = "not a package", Sha256CertFingerprints = [Fingerprint] }], "Passkeys:AndroidApps has the package name 'not a package'");
        yield return Case(o => o.AndroidApps = [new PasskeyAndroidApp { PackageName = "com.example.app" }], "needs its signing certificates' SHA-256 fingerprints");
        yield return Case(o => o.AndroidApps = [new PasskeyAndroidApp { PackageName = "com.example.app", Sha256CertFingerprints = [Fingerprint.ToLowerInvariant()] }], "upper-case hex");
        yield return Case(o => o.AndroidApps = [new PasskeyAndroidApp { PackageName = "com.example.app", Sha256CertFingerprints = [Fingerprint[3..]] }], "32 upper-case hex bytes");
        yield return Case(o => o.AndroidApps = [new PasskeyAndroidApp { PackageName = "com.example.app", Sha256CertFingerprints = [Fingerprint, Fingerprint] }], "each once");
        yield return Case(o => o.AndroidApps = [new PasskeyAndroidApp { PackageName = "com.a.b", Sha256CertFingerprints = [Fingerprint] }, new PasskeyAndroidApp { PackageName = "com.a.b", Sha256CertFingerprints = [Fingerprint] }], "names one package twice");
        yield return Case(o => o.AppleAppIds = ["com.example.app"], "Passkeys:AppleAppIds has 'com.example.app'");
        yield return Case(o => o.AppleAppIds = ["abcde12345.com.example.app"], "10-character team id");
        yield return Case(o => o.AppleAppIds = ["ABCDE12345.com.example.app", "ABCDE12345.com.example.app"], "names one app twice");
        yield return Case(o => o.PasskeyEnrollUrl = "/account/passkeys", "Passkeys:PasskeyEnrollUrl is '/account/passkeys'; write an absolute https URL");
        yield return Case(o => o.PasskeyManageUrl = "http://example.com/account", "Passkeys:PasskeyManageUrl");
        yield return Case(o => o.PasskeyManageUrl = "https://example.com/account#passkeys", "without a fragment");

        static TestCaseData Case(Action<PasskeyHttpOptions> configure, string sentence) => new TestCaseData(configure, sentence).SetArgDisplayNames(sentence);
    }

    [TestCaseSource(nameof(BadConfigurations))]
    public void A_bad_well_known_configuration_stops_the_app_with_a_sentence(Action<PasskeyHttpOptions> configure, string sentence)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () => await PasskeysTestHost.StartAsync(http: configure));
        Assert.That(failure!.Message, Does.Contain(sentence));
    }

    [Test]
    public void A_related_origin_past_the_fifth_site_name_stops_the_app_with_a_sentence()
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () => await PasskeysTestHost.StartAsync(
            passkeys: o => o.RelatedOrigins = ["https://a.example", "https://b.example", "https://c.example", "https://d.example", "https://e.example", "https://f.example"]));
        Assert.That(failure!.Message, Does.Contain("Passkeys:RelatedOrigins spans 6 site names (a, b, c, d, e, f)"));
    }
}
