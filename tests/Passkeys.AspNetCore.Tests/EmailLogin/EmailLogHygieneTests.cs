using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using Passkeys.AspNetCore.Email;
using Passkeys.AspNetCore.Tests.Infrastructure;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

public class EmailLogHygieneTests
{
    [Test]
    public async Task Logs_never_carry_the_token_the_link_or_the_address()
    {
        await using var email = await EmailLoginHost.StartAsync();
        await email.Host.SeedUserAsync("alice", "alice@example.com");
        using var browser = email.Host.CreateClient();
        var token = await email.RequestTokenAsync(browser, "alice@example.com");
        using (var peek = await email.PeekAsync(browser, token))
        {
            Assert.That((int)peek.StatusCode, Is.EqualTo(200));
        }

        using (var confirm = await email.ConfirmAsync(browser, token))
        {
            Assert.That((int)confirm.StatusCode, Is.EqualTo(200));
        }

        using (var reuse = await email.ConfirmAsync(browser, token))
        {
            Assert.That((int)reuse.StatusCode, Is.EqualTo(400));
        }

        using (var unknown = await email.RequestLinkAsync(browser, "nobody@example.com"))
        {
            Assert.That((int)unknown.StatusCode, Is.EqualTo(202));
        }

        await email.WhenIdleAsync();
        var lines = email.Logs.Lines.ToList();
        Assert.That(lines, Has.Some.Contains("[201] Sent a sign-in link to user"), "the log is captured");
        Assert.That(lines, Has.None.Contains(token[..16]));
        Assert.That(lines, Has.None.Contains(token[^16..]));
        Assert.That(lines, Has.None.Contains("token="));
        Assert.That(lines, Has.None.Contains("alice@example.com").And.None.Contains("nobody@example.com"));
    }

    [Test]
    public async Task The_link_is_logged_only_when_LogLinksInDevelopment_is_on_in_Development()
    {
        await using var email = await EmailLoginHost.StartAsync(o => o.LogLinksInDevelopment = true);
        await email.Host.SeedUserAsync("alice", "alice@example.com");
        using var browser = email.Host.CreateClient();
        var token = await email.RequestTokenAsync(browser, "alice@example.com");
        Assert.That(email.Logs.Lines, Has.Some.Contains("[205]").And.Some.Contains("https://localhost/email-login/confirm#token=" + token));
    }

    [Test]
    public async Task An_smtp_server_refusing_the_recipient_by_address_is_logged_by_exception_type_and_status_only()
    {
        // A real SMTP exchange: the server refuses RCPT TO with a reply that quotes the address, as Postfix does.
        var refusals = 0;
        await using var smtp = await SmtpTestServer.StartAsync(provider => provider.Add(new DelegatingMailboxFilter((to, _) =>
        {
            Interlocked.Increment(ref refusals);
            throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, $"5.1.1 <{to.User}@{to.Host}>: Recipient address rejected: User unknown"));
        })));
        var logs = new CapturingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:From"] = "Tests <no-reply@localhost>",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
        }).Build();
        await using var host = await PasskeysTestHost.StartAsync(features: b =>
        {
            b.AddEmailLogin(configuration.GetSection("Email"));
            b.Services.AddSingleton<ILoggerProvider>(logs);
            b.Services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
        });
        var user = await host.SeedUserAsync("gina", "gina.secret-mailbox@example.com");
        using var browser = host.CreateClient();
        using (var request = await browser.PostJsonAsync("/passkeys/email-login", new { email = "gina.secret-mailbox@example.com" }))
        {
            Assert.That((int)request.StatusCode, Is.EqualTo(202));
        }

        Assert.That(await host.Services.GetRequiredService<EmailLoginQueue>().WhenIdleAsync(TimeSpan.FromSeconds(20)), Is.True);
        var lines = logs.Lines.ToList();
        Assert.That(refusals, Is.EqualTo(1), "the server refused the recipient");
        Assert.That(lines, Has.One.Contains($"[204] Sending an email to user {user.Id} failed (SmtpCommandException, SMTP status 550 MailboxUnavailable (RecipientNotAccepted)); it is dropped."));
        Assert.That(lines, Has.None.Contains("secret-mailbox"), "neither the address nor the server's reply quoting it");
        Assert.That(lines, Has.None.Contains("Recipient address rejected"));
    }

    [Test]
    public async Task A_store_failure_quoting_the_address_is_logged_by_exception_type_only()
    {
        var users = new Mock<Passkeys.Stores.IPasskeyUserStore>();
        users.Setup(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("lookup of hidden.person@example.com failed", new TimeoutException("hidden.person@example.com")));
        await using var email = await EmailLoginHost.StartAsync(features: b => b.Services.AddSingleton(users.Object));
        using var browser = email.Host.CreateClient();
        using (var request = await email.RequestLinkAsync(browser, "hidden.person@example.com"))
        {
            Assert.That((int)request.StatusCode, Is.EqualTo(202));
        }

        await email.WhenIdleAsync();
        Assert.That(email.Logs.Lines, Has.One.Contains("[210] Handling a queued email failed (InvalidOperationException <- TimeoutException); it is dropped."));
        Assert.That(email.Logs.Lines, Has.None.Contains("hidden.person"));
    }
}
