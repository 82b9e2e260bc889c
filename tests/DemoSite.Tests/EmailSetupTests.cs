using DemoSite.Infrastructure;
using DemoSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore;
using Passkeys.AspNetCore.Email;

namespace DemoSite.Tests;

public class EmailSetupTests
{
    [Test]
    public void Relative_pickup_directory_lives_beside_the_app_and_its_emails_are_logged()
    {
        using var site = new DemoSiteFactory(new Dictionary<string, string?> { ["Email:PickupDirectory"] = "mail" });

        var options = site.Services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;
        var contentRoot = site.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;

        Assert.That(options.PickupDirectory, Is.EqualTo(Path.Combine(contentRoot, "mail")));
        Assert.That(site.Services.GetRequiredService<IPasskeyEmailSender>(), Is.InstanceOf<LoggedPickupDirectorySender>());
    }

    [Test]
    public void Smtp_host_with_an_emptied_pickup_directory_sends_through_smtp()
    {
        using var site = new DemoSiteFactory(new Dictionary<string, string?>
        {
            ["Email:PickupDirectory"] = string.Empty,
            ["Email:Smtp:Host"] = "smtp.example.com",
        });

        Assert.That(site.Services.GetRequiredService<IPasskeyEmailSender>(), Is.InstanceOf<SmtpPasskeyEmailSender>());
    }

    [Test]
    public void Shipped_settings_write_emails_from_the_demo_and_land_on_the_profile()
    {
        using var site = new DemoSiteFactory();

        var options = site.Services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(options.From, Is.EqualTo("Passkeys demo <no-reply@localhost>"));
            Assert.That(options.SetupUrl, Is.EqualTo("/profile"));
            Assert.That(options.ConfirmPath, Is.EqualTo("/email-login/confirm"), "Pages/EmailLogin/Confirm.cshtml is at this path.");
            Assert.That(options.LogLinksInDevelopment, Is.False, "Only appsettings.Development.json turns it on.");
        });
    }
}
