using CsCheck;
using Passkeys.Configuration;
using Passkeys.Tests.Properties;

namespace Passkeys.Core.Tests.Providers;

public class PasskeyProviderOptionsValidatorTests
{
    private const string Aaguid = "5a5a5a5a-0000-4000-8000-000000000001";
    private static readonly PasskeyProviderOptionsValidator Validator = new();

    [TestCase("data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=")]
    [TestCase("data:image/png;base64,iVBORw0KGgo=")]
    [TestCase("data:image/webp;base64,UklGRg==")]
    [TestCase("https://cdn.example.com/icons/key.svg?v=2")]
    [TestCase("")]
    public void Image_data_uris_https_urls_and_empty_icons_pass(string icon)
    {
        var result = Validate(new PasskeyProvider { Name = "Contoso Key", IconLight = icon, IconDark = icon });
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void No_providers_pass()
        => Assert.That(Validator.Validate(null, new PasskeyProviderOptions()).Succeeded, Is.True);

    [TestCase("not-a-guid", "is not an AAGUID")]
    [TestCase("00000000-0000-0000-0000-000000000000", "is the all-zero AAGUID")]
    public void A_key_that_is_not_a_non_zero_aaguid_says_what_to_write(string key, string expected)
    {
        var options = new PasskeyProviderOptions();
        options.Providers[key] = new PasskeyProvider { Name = "Contoso Key" };
        var result = Validator.Validate(null, options);
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain($"Passkeys:Providers:{key} {expected}"));
    }

    [Test]
    public void The_same_aaguid_written_twice_is_refused()
    {
        var options = new PasskeyProviderOptions { Providers = new Dictionary<string, PasskeyProvider>(StringComparer.Ordinal) };
        options.Providers[Aaguid] = new PasskeyProvider { Name = "One" };
        options.Providers["{" + Aaguid + "}"] = new PasskeyProvider { Name = "Two" };
        Assert.That(Validator.Validate(null, options).FailureMessage, Does.Contain("a second time"));
    }

    [TestCase("", "is empty")]
    [TestCase("   ", "is empty")]
    [TestCase(" Padded", "starts or ends with a space")]
    [TestCase("Line\nbreak", "has a control character")]
    [TestCase("Phone\u202Egnp.exe", "has an invisible format character")]
    [TestCase("Pass\u200Dkey", "has an invisible format character")]
    public void A_bad_name_says_what_to_change(string name, string expected)
    {
        var result = Validate(new PasskeyProvider { Name = name });
        Assert.That(result.FailureMessage, Does.Contain($"Passkeys:Providers:{Aaguid}:Name {expected}"));
    }

    [Test]
    public void A_name_longer_than_a_passkey_name_is_refused()
        => Assert.That(Validate(new PasskeyProvider { Name = new string('a', PasskeysDefaults.MaxCredentialNameLength + 1) }).FailureMessage,
            Does.Contain("is longer than 100 characters"));

    [Test]
    public void Hostile_icons_are_refused_at_start_up()
    {
        Property.Check("hostile provider icons", HostileIcon, icon =>
        {
            var result = Validate(new PasskeyProvider { Name = "Contoso Key", IconDark = icon });
            Assert.That(result.Failed, Is.True, "accepted: " + icon);
            Assert.That(result.FailureMessage, Does.Contain($"Passkeys:Providers:{Aaguid}:IconDark"));
            Assert.That(result.FailureMessage, Does.Not.Contain(icon), "the message names the setting, not the value");
        }, iterations: 2000);
    }

    [Test]
    public void An_icon_longer_than_64_KB_is_refused()
        => Assert.That(Validate(new PasskeyProvider { Name = "Big", IconLight = "data:image/png;base64," + new string('A', 64 * 1024) }).FailureMessage,
            Does.Contain("IconLight is longer than 65536 characters"));

    // Schemes that run script or show a document, spelled as browsers forgive them, and image data URIs broken so that
    // the icon could leave its attribute or is not base64 at all.
    private static readonly Gen<string> HostileIcon = Gen.OneOf(
        Gen.OneOf(
            "javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "data:text/html,<script>alert(1)</script>", "data:image/svg+xml,<svg onload=alert(1)>",
            "data:image/svg+xml;utf8,<svg/onload=alert(1)>", "data:application/javascript;base64,YWxlcnQoMSk=",
            "data:image/gif;base64,R0lGODlh", "http://example.com/icon.png", "//example.com/icon.png", "/icon.png",
            "icon.png", "file:///etc/passwd", "ftp://example.com/icon.png", "https://user:pass@example.com/icon.png",
            "data:image/png;base64,", "data:image/png;base64,!!!!", "data:image/png;charset=utf-8;base64,iVBORw0KGgo=")
            .SelectMany(icon => Gen.OneOf(
                Gen.Const(icon),
                Gen.Bool.Array[icon.Length].Select(upper => new string(icon.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c).ToArray()))
                    .Where(v => !v.StartsWith("data:image/", StringComparison.Ordinal) && !v.StartsWith("https://", StringComparison.Ordinal)),
                Gen.Char["\t\n\r \0\u200b"].Select(c => c + icon))),
        Gen.OneOf("data:image/svg+xml;base64,PHN2Zy8+", "https://example.com/icon.svg")
            .Select(Gen.Char["\"'<> `\\\t\n\u00a0\u2028"], Gen.Int[0, 100], (icon, bad, at) => icon.Insert(Math.Min(at, icon.Length), bad.ToString())));

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(PasskeyProvider provider)
    {
        var options = new PasskeyProviderOptions();
        options.Providers[Aaguid] = provider;
        return Validator.Validate(null, options);
    }
}
