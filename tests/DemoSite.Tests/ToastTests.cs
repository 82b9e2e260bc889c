using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

public class ToastTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [Test]
    public async Task Toast_flag_after_sign_up_shows_a_success_toast_in_a_live_region()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("toasted", "toasted@example.com");

        var html = await browser.GetPageAsync("/profile?toast=signed-up");

        Assert.That(html, Does.Contain("id=\"toasts\""));
        Assert.That(html, Does.Match("id=\"toasts\"[^>]*aria-live=\"polite\""));
        Assert.That(html, Does.Contain("data-testid=\"toast\" data-kind=\"success\""));
        Assert.That(html, Does.Contain("Setup complete"));
    }

    [TestCase("<script>alert(1)</script>")]
    [TestCase("Your account is locked, call 555-0100")]
    public async Task Unknown_toast_flag_shows_nothing_and_is_not_reflected(string flag)
    {
        using var browser = _site.CreateBrowser();

        var html = await browser.GetPageAsync("/?toast=" + Uri.EscapeDataString(flag));

        Assert.That(html, Does.Not.Contain("data-testid=\"toast\""));
        Assert.That(html, Does.Not.Contain("alert(1)").And.Not.Contain("555-0100"));
    }
}
