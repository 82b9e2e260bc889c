using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Passkeys.AspNetCore.Email;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

/// <summary>
/// The test host with <c>AddEmailLogin()</c>: messages are captured instead of sent, the login token store is
/// watched, and every log line is kept.
/// </summary>
internal sealed partial class EmailLoginHost : IAsyncDisposable
{
    private EmailLoginHost(PasskeysTestHost host, CapturingEmailSender sender, SpyLoginTokenStore tokens, CapturingLoggerProvider logs)
    {
        Host = host;
        Sender = sender;
        Tokens = tokens;
        Logs = logs;
    }

    public PasskeysTestHost Host { get; }

    public CapturingEmailSender Sender { get; }

    public SpyLoginTokenStore Tokens { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<EmailLoginHost> StartAsync(
        Action<PasskeyEmailLoginOptions>? email = null, Action<PasskeyHttpOptions>? http = null, Action<PasskeysBuilder>? features = null)
    {
        var sender = new CapturingEmailSender();
        var logs = new CapturingLoggerProvider();
        SpyLoginTokenStore? tokens = null;
        var host = await PasskeysTestHost.StartAsync(http, features: builder =>
        {
            builder.AddEmailLogin(o =>
            {
                o.From = "Tests <no-reply@localhost>";
                email?.Invoke(o);
            });
            builder.Services.AddSingleton<IPasskeyEmailSender>(sender);
            builder.Services.AddSingleton<IPasskeyLoginTokenStore>(sp => tokens = new SpyLoginTokenStore(sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddSingleton<ILoggerProvider>(logs);
            builder.Services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
            features?.Invoke(builder);
        });
        host.Services.GetRequiredService<IPasskeyLoginTokenStore>();
        return new EmailLoginHost(host, sender, tokens!, logs);
    }

    public Task<HttpResponseMessage> RequestLinkAsync(TestClient client, string email, string query = "")
        => client.PostJsonAsync("/passkeys/email-login" + query, new { email });

    /// <summary>Waits until the background sender has worked through everything queued.</summary>
    public async Task WhenIdleAsync()
        => Assert.That(await Host.Services.GetRequiredService<EmailLoginQueue>().WhenIdleAsync(TimeSpan.FromSeconds(10)), Is.True, "the email queue did not drain");

    /// <summary>Waits for the queue, then returns the messages sent to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<PasskeyEmailMessage>> MessagesToAsync(string to)
    {
        await WhenIdleAsync();
        return Sender.Messages.Where(m => string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>Asks for a link with <paramref name="client"/> and returns the token of the one message that arrives.</summary>
    public async Task<string> RequestTokenAsync(TestClient client, string email, string query = "")
    {
        var before = (await MessagesToAsync(email)).Count;
        using var response = await RequestLinkAsync(client, email, query);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        var messages = await MessagesToAsync(email);
        Assert.That(messages, Has.Count.EqualTo(before + 1), "one message for the request");
        return TokenIn(LinkIn(messages[^1].TextBody));
    }

    public static string LinkIn(string text)
    {
        var match = LinkPattern().Match(text);
        Assert.That(match.Success, Is.True, $"no sign-in link in: {text}");
        return match.Value;
    }

    public static string TokenIn(string link) => TokenPattern().Match(link).Groups[1].Value;

    /// <summary>
    /// Signs up with <paramref name="email"/>, follows the verification link that arrives (from another browser, as a
    /// phone's mail app would), and forgets the messages so far.
    /// </summary>
    public async Task SignUpVerifiedAsync(PasskeyBrowser browser, string userName, string email, string? displayName = null)
    {
        using (var signUp = await browser.SignUpAsync(userName, email, displayName))
        {
            Assert.That((int)signUp.StatusCode, Is.EqualTo(200), await signUp.Content.ReadAsStringAsync());
        }

        using var phone = Host.CreateClient();
        using var verified = await VerifyAsync(phone, await VerificationTokenAsync(email));
        Assert.That((int)verified.StatusCode, Is.EqualTo(200), await verified.Content.ReadAsStringAsync());
        await WhenIdleAsync();
        Sender.Clear();
    }

    /// <summary>Returns the token of the last verification link sent to <paramref name="email"/>.</summary>
    public async Task<string> VerificationTokenAsync(string email)
    {
        var message = (await MessagesToAsync(email)).LastOrDefault(m => m.Subject.StartsWith("Confirm your email address", StringComparison.Ordinal));
        Assert.That(message, Is.Not.Null, $"no verification link was sent to {email}");
        var link = VerifyLinkPattern().Match(message!.TextBody);
        Assert.That(link.Success, Is.True, $"no verification link in: {message.TextBody}");
        return TokenIn(link.Value);
    }

    public Task<HttpResponseMessage> VerifyAsync(TestClient client, string token)
        => client.PostJsonAsync("/passkeys/email/verify", new { token });

    public Task<HttpResponseMessage> PeekAsync(TestClient client, string token)
        => client.PostJsonAsync("/passkeys/email-login/peek", new { token });

    public Task<HttpResponseMessage> ConfirmAsync(TestClient client, string token, string query = "")
        => client.PostJsonAsync("/passkeys/email-login/confirm" + query, new { token });

    /// <summary>A new browser signed in with a link emailed to <paramref name="email"/> (a session with <c>amr</c> <c>email</c>).</summary>
    public async Task<PasskeyBrowser> SignInByLinkAsync(string email)
    {
        var browser = new PasskeyBrowser(Host);
        var token = await RequestTokenAsync(browser.Client, email);
        using var confirm = await ConfirmAsync(browser.Client, token);
        Assert.That(confirm.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await confirm.Content.ReadAsStringAsync());
        return browser;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    [GeneratedRegex(@"https?://[^\s""<>]+/email-login/confirm[#?]token=[A-Za-z0-9_-]+(&returnUrl=[^\s""<>]*)?")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"https?://[^\s""<>]+/email/verify[#?]token=[A-Za-z0-9_-]+")]
    private static partial Regex VerifyLinkPattern();

    [GeneratedRegex(@"[#?&]token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}
