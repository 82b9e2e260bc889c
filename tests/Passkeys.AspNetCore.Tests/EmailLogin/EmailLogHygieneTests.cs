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
}
