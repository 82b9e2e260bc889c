using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Moq;
using Passkeys.AspNetCore.Email;
using Passkeys.AspNetCore.Tests.Infrastructure;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

public class EmailSenderTests
{
    [Test]
    public async Task Link_sent_through_a_real_smtp_server_signs_in_with_amr_email_and_next_as_configured()
    {
        var inbox = new Inbox();
        var logins = new ConcurrentQueue<(string User, string Password)>();
        await using var smtp = await SmtpTestServer.StartAsync(provider =>
        {
            provider.Add(inbox);
            provider.Add(new DelegatingUserAuthenticator((user, password) =>
            {
                logins.Enqueue((user, password));
                return user == "mailer" && password == "s3cret";
            }));
        }, requireAuthentication: true);
        var port = smtp.Port;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:From"] = "Tests <no-reply@localhost>",
            ["Email:SetupUrl"] = "/welcome?add-passkey=1",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:UserName"] = "mailer",
            ["Email:Smtp:Password"] = "s3cret",
        }).Build();
        await using var host = await PasskeysTestHost.StartAsync(features: b => b.AddEmailLogin(configuration.GetSection("Email")));
        Assert.That(host.Services.GetRequiredService<IPasskeyEmailSender>(), Is.TypeOf<SmtpPasskeyEmailSender>());
        await host.SeedUserAsync("erin", "erin@example.com");

        using var browser = host.CreateClient();
        using (var request = await browser.PostJsonAsync("/passkeys/email-login", new { email = "erin@example.com" }))
        {
            Assert.That((int)request.StatusCode, Is.EqualTo(202));
        }

        var message = await inbox.ReceiveAsync(TimeSpan.FromSeconds(20));
        Assert.That(logins, Is.EqualTo(new[] { ("mailer", "s3cret") }), "authenticated with the configured credentials");
        Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("no-reply@localhost"));
        Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("erin@example.com"));
        Assert.That(message.Subject, Is.EqualTo("Your sign-in link for Tests"));
        Assert.That(message.HtmlBody, Does.Contain("<a href=\"https://localhost/email-login/confirm#token="));

        var token = EmailLoginHost.TokenIn(EmailLoginHost.LinkIn(message.TextBody!));
        using (var peek = await browser.PostJsonAsync("/passkeys/email-login/peek", new { token }))
        {
            Assert.That((await peek.ReadJsonAsync())["userName"]?.GetValue<string>(), Is.EqualTo("erin"));
        }

        using var confirm = await browser.PostJsonAsync("/passkeys/email-login/confirm", new { token });
        var body = await confirm.ReadJsonAsync();
        Assert.That(body["verified"]?.GetValue<bool>(), Is.True);
        Assert.That(body["next"]?.GetValue<string>(), Is.EqualTo("/welcome?add-passkey=1"));
        Assert.That(await EmailLoginTests.ClaimsAsync(browser), Does.Contain(("amr", "email")));
    }

    [Test]
    public async Task Pickup_directory_sender_writes_a_parseable_eml_and_no_temporary_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "passkeys-pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Email:From"] = "Tests <no-reply@localhost>",
                ["Email:PickupDirectory"] = directory,
            }).Build();
            await using var host = await PasskeysTestHost.StartAsync(features: b => b.AddEmailLogin(configuration.GetSection("Email")));
            Assert.That(host.Services.GetRequiredService<IPasskeyEmailSender>(), Is.TypeOf<PickupDirectoryPasskeyEmailSender>());
            var user = await host.SeedUserAsync("frank", "frank@example.com");
            user.DisplayName = "Frank <b>& Sons</b>";
            await host.Users.UpdateAsync(user, CancellationToken.None);

            using var browser = host.CreateClient();
            using (var request = await browser.PostJsonAsync("/passkeys/email-login", new { email = "frank@example.com" }))
            {
                Assert.That((int)request.StatusCode, Is.EqualTo(202));
            }

            Assert.That(await host.Services.GetRequiredService<EmailLoginQueue>().WhenIdleAsync(TimeSpan.FromSeconds(10)), Is.True);
            var files = Directory.GetFiles(directory);
            Assert.That(files, Has.Length.EqualTo(1));
            Assert.That(files[0], Does.EndWith(".eml"));

            using var message = await MimeMessage.LoadAsync(files[0]);
            Assert.That(message.From.Mailboxes.Single().Name, Is.EqualTo("Tests"));
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("frank@example.com"));
            Assert.That(message.Subject, Is.EqualTo("Your sign-in link for Tests"));
            Assert.That(message.Date, Is.EqualTo(host.Time.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
            Assert.That(message.Body, Is.TypeOf<MultipartAlternative>());
            Assert.That(message.TextBody, Does.Contain("Hello Frank <b>& Sons</b>,"));
            Assert.That(message.HtmlBody, Does.Contain("Hello Frank &lt;b&gt;&amp; Sons&lt;/b&gt;,"));

            var token = EmailLoginHost.TokenIn(EmailLoginHost.LinkIn(message.TextBody!));
            using var confirm = await browser.PostJsonAsync("/passkeys/email-login/confirm", new { token });
            Assert.That((int)confirm.StatusCode, Is.EqualTo(200));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Test]
    public async Task A_failing_sender_is_logged_without_the_link_and_the_answer_is_still_202()
    {
        var logs = new CapturingLoggerProvider();
        var failing = new Mock<IPasskeyEmailSender>();
        failing.Setup(s => s.SendAsync(It.IsAny<PasskeyEmailMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("relay down"));
        await using var host = await PasskeysTestHost.StartAsync(features: b =>
        {
            b.AddEmailLogin(o => o.From = "no-reply@localhost");
            b.Services.AddSingleton(failing.Object);
            b.Services.AddSingleton<ILoggerProvider>(logs);
        });
        await host.SeedUserAsync("gina", "gina@example.com");
        using var browser = host.CreateClient();
        using var request = await browser.PostJsonAsync("/passkeys/email-login", new { email = "gina@example.com" });
        Assert.That((int)request.StatusCode, Is.EqualTo(202));
        Assert.That(await host.Services.GetRequiredService<EmailLoginQueue>().WhenIdleAsync(TimeSpan.FromSeconds(10)), Is.True);

        var message = (PasskeyEmailMessage)failing.Invocations.Single().Arguments[0];
        var token = EmailLoginHost.TokenIn(EmailLoginHost.LinkIn(message.TextBody));
        Assert.That(logs.Lines, Has.Some.Contains("[204] Sending an email to user").And.Some.Contains("(IOException, SMTP status none)"));
        Assert.That(logs.Lines, Has.None.Contains("relay down"), "the exception's message is not logged");
        Assert.That(logs.Lines, Has.None.Contains(token[..16]));
    }

    [Test]
    public void Start_up_fails_with_a_sentence_when_no_sender_is_configured()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await PasskeysTestHost.StartAsync(features: b => b.AddEmailLogin(o => o.From = "no-reply@localhost")));
        Assert.That(error!.Message, Does.Contain("Email:Smtp:Host").And.Contain("Email:PickupDirectory").And.Contain("IPasskeyEmailSender"));
    }

    [TestCase("From", "", "Email:From")]
    [TestCase("From", "not an address", "Email:From")]
    [TestCase("PublicOrigin", "https://example.com/app", "Email:PublicOrigin")]
    [TestCase("PublicOrigin", "ftp://example.com", "Email:PublicOrigin")]
    [TestCase("ConfirmPath", "https://evil.example/confirm", "Email:ConfirmPath")]
    [TestCase("ConfirmPath", "/confirm?x=1", "Email:ConfirmPath")]
    [TestCase("SetupUrl", "//evil.example", "Email:SetupUrl")]
    [TestCase("LinkLifetime", "00:00:10", "Email:LinkLifetime")]
    [TestCase("LinkLifetime", "1.00:00:00", "Email:LinkLifetime")]
    [TestCase("BindingCookieName", "a b", "Email:BindingCookieName")]
    [TestCase("AddressPermitLimit", "0", "Email:AddressPermitLimit")]
    [TestCase("Smtp:Port", "70000", "Email:Smtp:Port")]
    [TestCase("Smtp:Host", "smtp.example.com", "Both Email:Smtp:Host and Email:PickupDirectory")]
    public void Bad_configuration_fails_start_up_with_a_sentence(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:From"] = "no-reply@localhost",
            ["Email:PickupDirectory"] = Path.GetTempPath(),
            ["Email:" + key] = value,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var error = Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await PasskeysTestHost.StartAsync(features: b => b.AddEmailLogin(configuration.GetSection("Email"))));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public async Task AddEmailLogin_twice_is_harmless_and_the_apps_sender_wins()
    {
        var sender = new CapturingEmailSender();
        await using var host = await PasskeysTestHost.StartAsync(features: b =>
        {
            b.Services.AddSingleton<IPasskeyEmailSender>(sender);
            b.AddEmailLogin(o => o.From = "no-reply@localhost");
            b.AddEmailLogin(o => o.AddressPermitLimit = 5);
        });
        Assert.That(host.Services.GetRequiredService<IPasskeyEmailSender>(), Is.SameAs(sender));
        Assert.That(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<EmailLoginDispatcher>().Count(), Is.EqualTo(1));
        var options = host.Services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;
        Assert.That((options.From, options.AddressPermitLimit), Is.EqualTo(("no-reply@localhost", 5)));
    }

    [Test]
    public async Task The_202_does_not_wait_for_the_account_lookup_or_the_email()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var users = new Mock<Passkeys.Stores.IPasskeyUserStore>();
        users.Setup(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, CancellationToken _) =>
            {
                await gate.Task;
                return (PasskeyUser?)null;
            });
        var sender = new CapturingEmailSender();
        await using var host = await PasskeysTestHost.StartAsync(features: b =>
        {
            b.AddEmailLogin(o => o.From = "no-reply@localhost");
            b.Services.AddSingleton<IPasskeyEmailSender>(sender);
            b.Services.AddSingleton(users.Object);
        });
        using var browser = host.CreateClient();
        var request = browser.PostJsonAsync("/passkeys/email-login", new { email = "slow@example.com" });
        var finished = await Task.WhenAny(request, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.That(finished, Is.SameAs(request), "the answer came while the lookup was still blocked");
        using var response = await request;
        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        var queue = host.Services.GetRequiredService<EmailLoginQueue>();
        Assert.That(queue.Pending, Is.EqualTo(1), "the lookup runs after the response");

        gate.SetResult();
        Assert.That(await queue.WhenIdleAsync(TimeSpan.FromSeconds(10)), Is.True);
        users.Verify(u => u.FindByEmailAsync("slow@example.com", It.IsAny<CancellationToken>()), Times.Once);
    }

    /// <summary>The in-process SMTP server's message store: keeps each message as MimeKit parses it.</summary>
    private sealed class Inbox : MessageStore
    {
        private readonly TaskCompletionSource<MimeMessage> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            _first.TrySetResult(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }

        public async Task<MimeMessage> ReceiveAsync(TimeSpan timeout)
        {
            var done = await Task.WhenAny(_first.Task, Task.Delay(timeout));
            Assert.That(done, Is.SameAs(_first.Task), "no message reached the SMTP server");
            return await _first.Task;
        }
    }
}
