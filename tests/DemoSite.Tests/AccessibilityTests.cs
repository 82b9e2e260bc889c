using System.Text.RegularExpressions;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

public partial class AccessibilityTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [TestCase("/register")]
    [TestCase("/login")]
    public async Task Every_field_has_a_label(string path)
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync(path);

        var inputs = InputIdPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.That(inputs, Is.Not.Empty);
        foreach (var id in inputs)
        {
            Assert.That(html, Does.Contain($"<label for=\"{id}\""), id);
        }
    }

    [TestCase("/")]
    [TestCase("/login")]
    [TestCase("/register")]
    [TestCase("/email-login/sent")]
    [TestCase("/email-login/confirm")]
    [TestCase("/email/verify")]
    public async Task Page_has_a_language_a_title_a_skip_link_and_a_live_region_for_toasts(string path)
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<html lang=\"en\">"));
            Assert.That(html, Does.Match("<title>[^<]+ · Passkeys demo</title>"));
            Assert.That(html, Does.Contain("href=\"#main\""));
            Assert.That(html, Does.Match("id=\"toasts\"[^>]*aria-live=\"polite\""));
        });
    }

    [Test]
    public async Task Sign_in_errors_are_announced()
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync("/login");

        Assert.That(html, Does.Match("id=\"login-error\"[^>]*role=\"alert\""));
    }

    [Test]
    public async Task Email_link_errors_and_progress_are_announced()
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync("/email-login/confirm");

        Assert.That(html, Does.Match("id=\"email-confirm-error\"[^>]*role=\"alert\""));
        Assert.That(html, Does.Match("id=\"email-confirm-status\"[^>]*aria-live=\"polite\""));
    }

    [Test]
    public async Task Email_verification_errors_progress_and_result_are_announced()
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync("/email/verify");

        Assert.That(html, Does.Match("id=\"email-verify-error\"[^>]*role=\"alert\""));
        Assert.That(html, Does.Match("id=\"email-verify-status\"[^>]*aria-live=\"polite\""));
        Assert.That(html, Does.Match("id=\"email-verify-done\"[^>]*role=\"status\""));
    }

    [Test]
    public async Task Profile_email_form_has_labels_and_announces_its_errors_and_progress()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("labelled", "labelled@example.com");
        var html = await browser.GetPageAsync("/profile");

        Assert.That(html, Does.Contain("<label for=\"email-new\""));
        Assert.That(html, Does.Match("id=\"email-form-error\"[^>]*role=\"alert\""));
        Assert.That(html, Does.Match("id=\"email-status\"[^>]*aria-live=\"polite\""));
    }

    [GeneratedRegex("<input[^>]*\\bid=\"([^\"]+)\"")]
    private static partial Regex InputIdPattern();
}
