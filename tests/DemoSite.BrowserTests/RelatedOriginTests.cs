using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DemoSite.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// A related origin end to end: the sample site serves two host names, its relying party id's
/// (<c>demo-main.com</c>) and a related one's (<c>demo-related.co.uk</c>, listed in <c>Passkeys:RelatedOrigins</c>).
/// A person on the related site signs up and signs in with passkeys of the main site's relying party id: Chromium
/// fetches <c>https://demo-main.com/.well-known/webauthn</c> and finds the related origin there, and the server
/// verifies responses from it. Both names resolve to 127.0.0.1 (<c>--host-resolver-rules</c>, also for port 443,
/// where Chromium fetches the document) and are served over https with a certificate made here, which Chromium
/// trusts by its key (<c>--ignore-certificate-errors-spki-list</c>: the page stays a secure context without
/// certificate errors, which WebAuthn requires).
/// </summary>
[NonParallelizable]
public sealed class RelatedOriginTests
{
    private const string MainHost = "demo-main.com";
    private const string RelatedHost = "demo-related.co.uk";
    private const string UnrelatedHost = "demo-unrelated.com";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SiteProcess? _site;
    private string? _certificateFolder;

    [OneTimeSetUp]
    public async Task StartSiteAndBrowser()
    {
        _certificateFolder = Directory.CreateTempSubdirectory("demosite-related-").FullName;
        var (certificate, key, spki) = MakeCertificate(_certificateFolder);
        var httpsPort = SiteProcess.FreePort();
        _site = await SiteProcess.StartAsync(new Dictionary<string, string>
        {
            ["Passkeys__RelyingPartyId"] = MainHost,
            ["Passkeys__Origins__0"] = $"https://{MainHost}",
            ["Passkeys__RelatedOrigins__0"] = $"https://{RelatedHost}",
            ["Kestrel__Certificates__Default__Path"] = certificate,
            ["Kestrel__Certificates__Default__KeyPath"] = key,
        }, httpsPort);

        var rules = string.Join(", ", new[] { MainHost, RelatedHost, UnrelatedHost }.Select(h => $"MAP {h} 127.0.0.1:{httpsPort}"));
        (_playwright, _browser) = await BrowserLauncher.LaunchAsync(
            $"--host-resolver-rules={rules}, EXCLUDE localhost", $"--ignore-certificate-errors-spki-list={spki}");
    }

    [OneTimeTearDown]
    public async Task StopSiteAndBrowser()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        if (_certificateFolder is not null)
        {
            Directory.Delete(_certificateFolder, recursive: true);
        }
    }

    [Test]
    public async Task A_person_on_the_related_site_signs_up_and_signs_in_with_a_passkey_of_the_main_sites_relying_party_id()
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"https://{RelatedHost}" });
        context.SetDefaultTimeout((float)BrowserSuite.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var authenticator = await VirtualAuthenticator.AddAsync(devTools);

        // The document Chromium reads names the related origin.
        var document = await page.GotoAsync($"https://{MainHost}/.well-known/webauthn");
        Assert.That(await document!.TextAsync(), Is.EqualTo($$"""{"origins":["https://{{RelatedHost}}"]}"""));

        var user = TestUser.Named("Rhea Related");
        await page.GotoAsync("/register");
        await page.GetByTestId("register-display-name").FillAsync(user.DisplayName);
        await page.GetByTestId("register-username").FillAsync(user.UserName);
        await page.GetByTestId("register-email").FillAsync(user.Email);
        await page.GetByTestId("register-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^https://{RelatedHost.Replace(".", "\\.")}/profile"));
        await Expect(page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "true");

        var credentials = await authenticator.GetCredentialsAsync();
        Assert.That(credentials.Select(c => c.RelyingPartyId), Is.EqualTo(new[] { MainHost }), "the passkey belongs to the main site's relying party id");

        await page.GetByTestId("nav-logout").ClickAsync();
        await Expect(page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "false");
        await page.GotoAsync("/login");
        await Expect(page.GetByTestId("login-remembered-name")).ToHaveTextAsync(user.DisplayName);
        await page.GetByTestId("login-remembered-passkey").ClickAsync();
        await Expect(page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "true");
        Assert.That(new Uri(page.Url).Host, Is.EqualTo(RelatedHost));
    }

    [Test]
    public async Task A_site_the_document_does_not_name_gets_no_ceremony_from_its_server_nor_the_main_sites_relying_party_id_from_chromium()
    {
        await using var context = await _browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"https://{UnrelatedHost}/");
        var status = await page.EvaluateAsync<int>("""
            async () => (await fetch('/passkeys/login/options', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status
            """);
        Assert.That(status, Is.EqualTo((int)HttpStatusCode.Forbidden), "the page's own server refuses an origin it does not know");

        // And Chromium itself refuses the main site's RP id to a page the document does not name.
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var authenticator = await VirtualAuthenticator.AddAsync(devTools);
        var error = await page.EvaluateAsync<string>($$"""
            async () => {
              try {
                await navigator.credentials.create({ publicKey: {
                  rp: { id: '{{MainHost}}', name: 'Demo' },
                  user: { id: new Uint8Array([1]), name: 'u', displayName: 'u' },
                  challenge: new Uint8Array(32),
                  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
                } });
                return 'created';
              } catch (e) {
                return e.name;
              }
            }
            """);
        Assert.That(error, Is.EqualTo("SecurityError"));
        Assert.That(await authenticator.GetCredentialsAsync(), Is.Empty);
    }

    // A certificate for the three names, its PEM files, and the base64 SHA-256 of its public key for Chromium.
    private static (string Certificate, string Key, string Spki) MakeCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={MainHost}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(MainHost);
        names.AddDnsName(RelatedHost);
        names.AddDnsName(UnrelatedHost);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var certificatePath = Path.Combine(folder, "site.crt");
        var keyPath = Path.Combine(folder, "site.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo())));
    }
}
