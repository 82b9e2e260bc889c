using System.Text;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

public class EmailLoginLimitTests
{
    private EmailLoginHost _email = null!;

    private PasskeysTestHost Host => _email.Host;

    [SetUp]
    public async Task SetUp()
    {
        _email = await EmailLoginHost.StartAsync();
        await Host.SeedUserAsync("alice", "alice@example.com");
    }

    [TearDown]
    public async Task TearDown() => await _email.DisposeAsync();

    [TestCase("alice@example.com")]
    [TestCase("nobody@example.com")]
    public async Task Fourth_link_for_one_address_in_15_minutes_is_429_whether_or_not_it_has_an_account(string address)
    {
        for (var i = 0; i < 3; i++)
        {
            // Each from a new browser, so only the per-address limit counts them together.
            using var browser = Host.CreateClient();
            using var accepted = await _email.RequestLinkAsync(browser, i == 1 ? address.ToUpperInvariant() : address);
            Assert.That((int)accepted.StatusCode, Is.EqualTo(202));
        }

        using var last = Host.CreateClient();
        using var refused = await _email.RequestLinkAsync(last, address);
        var problem = await refused.ReadProblemAsync(429, PasskeyHttpErrorCodes.EmailRateLimited);
        Assert.That(problem["detail"]?.GetValue<string>(), Is.EqualTo("Too many sign-in links were asked for. Check your inbox, or try again later."));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(last.SetCookie("__Host-.Passkeys.EmailLogin"), Is.Null, "a refused request sets nothing");

        await _email.WhenIdleAsync();
        Assert.That(_email.Sender.Messages, Has.Count.EqualTo(address.StartsWith("alice", StringComparison.Ordinal) ? 3 : 0));

        Host.Time.Advance(TimeSpan.FromMinutes(15));
        using var later = await _email.RequestLinkAsync(last, address);
        Assert.That((int)later.StatusCode, Is.EqualTo(202), "a new window");
    }

    [Test]
    public async Task Spellings_of_one_address_that_normalize_alike_share_its_limit()
    {
        // ß and ss, and case: the old upper-case key counted these as two addresses, one of them three times.
        string[] spellings = ["straße@example.com", "STRASSE@example.com", "Strasse@Example.com", "strasse@EXAMPLE.com"];
        var statuses = new List<int>();
        foreach (var spelling in spellings)
        {
            using var browser = Host.CreateClient();
            using var response = await _email.RequestLinkAsync(browser, spelling);
            statuses.Add((int)response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 202, 202, 202, 429 }));
    }

    [Test]
    public async Task Refusals_for_known_and_unknown_addresses_read_the_same()
    {
        using var browser = Host.CreateClient();
        var bodies = new List<string>();
        foreach (var address in new[] { "alice@example.com", "nobody@example.com" })
        {
            for (var i = 0; i < 3; i++)
            {
                using var accepted = await _email.RequestLinkAsync(browser, address);
            }

            using var refused = await _email.RequestLinkAsync(browser, address);
            await refused.ReadProblemAsync(429, PasskeyHttpErrorCodes.EmailRateLimited);
            bodies.Add(await refused.Content.ReadAsStringAsync());
        }

        Assert.That(bodies[0], Is.EqualTo(bodies[1]));
    }

    [Test]
    public async Task Eleventh_link_from_one_client_in_15_minutes_is_429_whatever_the_addresses()
    {
        using var browser = Host.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            using var accepted = await _email.RequestLinkAsync(browser, $"person{i}@example.com");
            Assert.That((int)accepted.StatusCode, Is.EqualTo(202));

            // Sent before the next, so the client's share of the queue (5 waiting) never refuses one here.
            await _email.WhenIdleAsync();
        }

        using var refused = await _email.RequestLinkAsync(browser, "alice@example.com");
        await refused.ReadProblemAsync(429, PasskeyHttpErrorCodes.EmailRateLimited);
        await _email.WhenIdleAsync();
        Assert.That(_email.Sender.Messages, Is.Empty, "the refused request for alice was not sent");

        Host.Time.Advance(TimeSpan.FromMinutes(15));
        using var later = await _email.RequestLinkAsync(browser, "alice@example.com");
        Assert.That((int)later.StatusCode, Is.EqualTo(202));
    }

    [Test]
    public async Task Limits_are_options()
    {
        await using var email = await EmailLoginHost.StartAsync(o =>
        {
            o.AddressPermitLimit = 1;
            o.AddressWindow = TimeSpan.FromMinutes(1);
            o.ClientPermitLimit = 2;
        });
        using var browser = email.Host.CreateClient();
        using (var first = await email.RequestLinkAsync(browser, "a@example.com"))
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(202));
        }

        using (var again = await email.RequestLinkAsync(browser, "a@example.com"))
        {
            await again.ReadProblemAsync(429, PasskeyHttpErrorCodes.EmailRateLimited);
            Assert.That(again.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(1)));
        }

        using (var other = await email.RequestLinkAsync(browser, "b@example.com"))
        {
            await other.ReadProblemAsync(429, PasskeyHttpErrorCodes.EmailRateLimited);
        }
    }

    [TestCase("{}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("[]", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("\"alice@example.com\"", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"email\":5}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"email\":[\"alice@example.com\"]}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"email\":{\"a\":1}}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"email\":null}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"email\":\"   \"}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"userName\":true}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"email\":\"alice@exa", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"email\":\"alice@example.com\"} 1e99999", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"email\":\"not an email\"}", PasskeyErrorCodes.InvalidEmail)]
    [TestCase("{\"email\":\"alice\"}", PasskeyErrorCodes.InvalidEmail)]
    [TestCase("{\"email\":\"Alice <alice@example.com>\"}", PasskeyErrorCodes.InvalidEmail)]
    [TestCase("{\"email\":\"alice@example.com\\r\\nBcc: all@example.com\"}", PasskeyErrorCodes.InvalidEmail)]
    [TestCase("{\"userName\":\"al\\u0000ice\"}", PasskeyErrorCodes.InvalidUserName)]
    public async Task Bad_link_request_bodies_are_400_problems_with_a_code(string body, string code)
    {
        using var browser = Host.CreateClient();
        using var response = await browser.PostJsonAsync("/passkeys/email-login", body);
        var problem = await response.ReadProblemAsync(400, code);
        Assert.That(problem.ContainsKey("verified"), Is.False);
        Assert.That(browser.SetCookie("__Host-.Passkeys.EmailLogin"), Is.Null);
        await _email.WhenIdleAsync();
        Assert.That(_email.Sender.Messages, Is.Empty);
    }

    [Test]
    public async Task Too_long_an_address_is_invalid_email_and_too_large_a_body_is_413()
    {
        using var browser = Host.CreateClient();
        using (var longAddress = await browser.PostJsonAsync("/passkeys/email-login", new { email = new string('a', 250) + "@example.com" }))
        {
            await longAddress.ReadProblemAsync(400, PasskeyErrorCodes.InvalidEmail);
        }

        using var huge = await browser.PostJsonAsync("/passkeys/email-login", new { email = new string('a', 70_000) });
        await huge.ReadProblemAsync(413, PasskeyHttpErrorCodes.RequestTooLarge);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task Link_requests_that_are_not_json_are_415(string contentType)
    {
        using var browser = Host.CreateClient();
        using var response = await browser.SendAsync(HttpMethod.Post, "/passkeys/email-login",
            new StringContent("{\"email\":\"alice@example.com\"}", Encoding.UTF8, contentType));
        await response.ReadProblemAsync(415, PasskeyHttpErrorCodes.UnsupportedMediaType);
    }

    [TestCase("", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("[]", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"token\":5}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"token\":\"\"}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"token\":null}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"token\":[\"x\"]}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"token\":", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"token\":\"x\"}", PasskeyHttpErrorCodes.TokenInvalid)]
    [TestCase("{\"token\":\"\\u0000\\n<script>\"}", PasskeyHttpErrorCodes.TokenInvalid)]
    public async Task Bad_confirm_bodies_are_400_problems_with_a_code_and_verified_false(string body, string code)
    {
        using var browser = Host.CreateClient();
        using var response = await browser.PostJsonAsync("/passkeys/email-login/confirm", body);
        var problem = await response.ReadProblemAsync(400, code);
        Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
        Assert.That(await EmailLoginTests.ClaimsAsync(browser), Is.Empty);
    }

    [Test]
    public async Task Seeded_malformed_bodies_never_answer_500()
    {
        using var browser = Host.CreateClient();
        var mutator = new JsonMutator(6);
        for (var i = 0; i < 60; i++)
        {
            using var request = await browser.PostJsonAsync("/passkeys/email-login", mutator.Mutate("{\"email\":\"x@example.com\",\"userName\":\"x\"}"));
            Assert.That((int)request.StatusCode, Is.AnyOf(202, 400, 413, 429));
            using var confirm = await browser.PostJsonAsync("/passkeys/email-login/confirm", mutator.Mutate("{\"token\":\"abc\"}"));
            Assert.That((int)confirm.StatusCode, Is.AnyOf(400, 413));
            Assert.That(confirm.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }
}
