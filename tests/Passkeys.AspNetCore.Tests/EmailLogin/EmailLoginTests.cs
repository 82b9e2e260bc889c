using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

public class EmailLoginTests
{
    private const string Alice = "alice@example.com";

    private EmailLoginHost _email = null!;

    private PasskeysTestHost Host => _email.Host;

    [SetUp]
    public async Task SetUp()
    {
        _email = await EmailLoginHost.StartAsync();
        var alice = await Host.SeedUserAsync("alice", Alice);
        alice.DisplayName = "Alice Liddell";
        await Host.Users.UpdateAsync(alice, CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown() => await _email.DisposeAsync();

    [Test]
    public async Task Link_signs_in_the_browser_that_asked_with_amr_email_and_next_at_the_setup_page()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);

        using (var peek = await _email.PeekAsync(browser, token))
        {
            var who = await peek.ReadJsonAsync();
            Assert.That(who["userName"]?.GetValue<string>(), Is.EqualTo("alice"));
            Assert.That(who["displayName"]?.GetValue<string>(), Is.EqualTo("Alice Liddell"));
            Assert.That(peek.Headers.CacheControl?.NoStore, Is.True);
        }

        using var confirm = await _email.ConfirmAsync(browser, token);
        var body = await confirm.ReadJsonAsync();
        Assert.That(body["verified"]?.GetValue<bool>(), Is.True);
        Assert.That(body["next"]?.GetValue<string>(), Is.EqualTo("/passkeys?setup=1"));
        Assert.That(browser.SetCookie("__Host-.Passkeys.User"), Is.Not.Null, "the user is remembered");

        var claims = await ClaimsAsync(browser);
        Assert.That(claims, Does.Contain(("amr", "email")));
        Assert.That(claims, Does.Contain(("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "alice")));
        Assert.That(Host.Events, Does.Not.Contain("OnSignedIn:alice"), "OnSignedIn is for passkeys; email sign-in has its own event");
    }

    [Test]
    public async Task Link_email_has_the_link_in_text_and_html_and_the_link_uses_the_configured_origin()
    {
        using var browser = Host.CreateClient();
        using (var response = await browser.SendAsync(HttpMethod.Post, "/passkeys/email-login",
            new StringContent("{\"email\":\"ALICE@example.com\"}", Encoding.UTF8, "application/json"),
            r => r.Headers.Host = "evil.example"))
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(202));
        }

        var message = (await _email.MessagesToAsync(Alice)).Single();
        var link = EmailLoginHost.LinkIn(message.TextBody);
        Assert.That(link, Does.StartWith("https://localhost/email-login/confirm#token="), "never the Host header; the token in the fragment");
        Assert.That(message.HtmlBody, Does.Contain($"href=\"{link}\""));
        Assert.That(message.Subject, Is.EqualTo("Your sign-in link for Tests"));
        Assert.That(message.TextBody, Does.Contain("within 10 minutes"));
    }

    [Test]
    public async Task Public_origin_and_confirm_path_shape_the_link()
    {
        await using var email = await EmailLoginHost.StartAsync(o =>
        {
            o.PublicOrigin = "https://app.example.com";
            o.ConfirmPath = "/account/link";
        });
        await email.Host.SeedUserAsync("bob", "bob@example.com");
        using var browser = email.Host.CreateClient();
        using var response = await email.RequestLinkAsync(browser, "bob@example.com", "?returnUrl=%2Forders%3Fid%3D7");
        var text = (await email.MessagesToAsync("bob@example.com")).Single().TextBody;
        Assert.That(text, Does.Match(@"https://app\.example\.com/account/link#token=[A-Za-z0-9_-]+&returnUrl=%2Forders%3Fid%3D7"));
    }

    [TestCase("https://evil.example/")]
    [TestCase("//evil.example")]
    [TestCase("/\\evil.example")]
    [TestCase("/.//evil.example/x")]
    [TestCase("/%2e//evil.example/x")]
    public async Task Link_request_drops_a_return_url_that_is_not_local(string returnUrl)
    {
        using var browser = Host.CreateClient();
        using var response = await _email.RequestLinkAsync(browser, Alice, "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var text = (await _email.MessagesToAsync(Alice)).Single().TextBody;
        Assert.That(text, Does.Not.Contain("returnUrl"));
    }

    [TestCase("/orders?id=7", "/orders?id=7")]
    [TestCase("https://evil.example/", "/passkeys?setup=1")]
    [TestCase("//evil.example", "/passkeys?setup=1")]
    [TestCase("/..//evil.example/x", "/passkeys?setup=1")]
    [TestCase("/orders/./7?next=//evil.example", "/orders/7?next=//evil.example")]
    public async Task Confirm_returns_a_local_return_url_or_the_setup_url(string returnUrl, string next)
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        using var confirm = await _email.ConfirmAsync(browser, token, "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.That((await confirm.ReadJsonAsync())["next"]?.GetValue<string>(), Is.EqualTo(next));
    }

    [Test]
    public async Task Setup_url_is_an_option()
    {
        await using var email = await EmailLoginHost.StartAsync(o => o.SetupUrl = "/profile?add-passkey=1");
        await email.Host.SeedUserAsync("bob", "bob@example.com");
        using var browser = email.Host.CreateClient();
        var token = await email.RequestTokenAsync(browser, "bob@example.com");
        using var confirm = await email.ConfirmAsync(browser, token);
        Assert.That((await confirm.ReadJsonAsync())["next"]?.GetValue<string>(), Is.EqualTo("/profile?add-passkey=1"));
    }

    [Test]
    public async Task Known_and_unknown_addresses_get_the_same_202_and_only_the_known_one_gets_mail()
    {
        using var first = Host.CreateClient();
        using var second = Host.CreateClient();
        using var known = await _email.RequestLinkAsync(first, Alice);
        using var unknown = await _email.RequestLinkAsync(second, "nobody@example.com");

        foreach (var response in new[] { known, unknown })
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(202));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
            Assert.That(response.Content.Headers.ContentType, Is.Null);
            Assert.That(response.Headers.Location, Is.Null);
        }

        Assert.That(Shape(known), Is.EqualTo(Shape(unknown)), "the same headers, and the same cookie names");
        Assert.That(first.SetCookie("__Host-.Passkeys.EmailLogin"), Is.Not.Null);
        Assert.That(second.SetCookie("__Host-.Passkeys.EmailLogin"), Is.Not.Null, "the binding cookie is set for unknown addresses too");

        await _email.WhenIdleAsync();
        Assert.That(_email.Sender.Messages.Select(m => m.To), Is.EqualTo(new[] { Alice }));
        Assert.That(_email.Tokens.Saved, Has.Count.EqualTo(1), "no token for the unknown address");
    }

    [Test]
    public async Task Unknown_user_name_gets_202_and_no_mail_and_a_known_one_gets_its_link()
    {
        using var browser = Host.CreateClient();
        using (var unknown = await browser.PostJsonAsync("/passkeys/email-login", new { userName = "nobody" }))
        {
            Assert.That((int)unknown.StatusCode, Is.EqualTo(202));
        }

        using (var known = await browser.PostJsonAsync("/passkeys/email-login", new { userName = "ALICE" }))
        {
            Assert.That((int)known.StatusCode, Is.EqualTo(202));
        }

        await _email.WhenIdleAsync();
        Assert.That(_email.Sender.Messages.Select(m => m.To), Is.EqualTo(new[] { Alice }));
    }

    [Test]
    public async Task Peek_does_not_spend_the_link()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        for (var i = 0; i < 3; i++)
        {
            using var peek = await _email.PeekAsync(browser, token);
            Assert.That((int)peek.StatusCode, Is.EqualTo(200));
        }

        using var confirm = await _email.ConfirmAsync(browser, token);
        Assert.That((await confirm.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Reused_link_is_refused_with_token_invalid()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        using (var first = await _email.ConfirmAsync(browser, token))
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(200));
        }

        using var second = await _email.ConfirmAsync(browser, token);
        var problem = await second.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
        Assert.That(Host.Events, Does.Contain("OnFailure:email-login-confirm:token_invalid"));
    }

    [Test]
    public async Task Used_link_no_longer_names_its_user_on_peek()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        using (var first = await _email.ConfirmAsync(browser, token))
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(200));
        }

        using var peek = await _email.PeekAsync(browser, token);
        await peek.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
    }

    [Test]
    public async Task Parallel_confirms_of_one_link_sign_in_exactly_once()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _email.ConfirmAsync(browser, token)));
        Assert.That(responses.Count(r => (int)r.StatusCode == 200), Is.EqualTo(1));
        foreach (var response in responses.Where(r => (int)r.StatusCode != 200))
        {
            await response.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Expired_link_is_refused_with_token_invalid_by_peek_and_confirm()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        Host.Time.Advance(TimeSpan.FromMinutes(10));

        using (var peek = await _email.PeekAsync(browser, token))
        {
            var problem = await peek.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
            Assert.That(problem.ContainsKey("verified"), Is.False, "peeking is not a verify endpoint");
        }

        using var confirm = await _email.ConfirmAsync(browser, token);
        await confirm.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
    }

    [Test]
    public async Task Link_still_works_a_second_before_it_expires()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        Host.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        using var confirm = await _email.ConfirmAsync(browser, token);
        Assert.That((int)confirm.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Link_lifetime_is_an_option()
    {
        await using var email = await EmailLoginHost.StartAsync(o => o.LinkLifetime = TimeSpan.FromMinutes(2));
        await email.Host.SeedUserAsync("bob", "bob@example.com");
        using var browser = email.Host.CreateClient();
        var token = await email.RequestTokenAsync(browser, "bob@example.com");
        Assert.That(email.Tokens.Saved.Single().ExpiresAt, Is.EqualTo(email.Host.Time.GetUtcNow() + TimeSpan.FromMinutes(2)));
        email.Host.Time.Advance(TimeSpan.FromMinutes(2));
        using var confirm = await email.ConfirmAsync(browser, token);
        await confirm.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
    }

    [Test]
    public async Task Tampered_links_are_refused_with_token_invalid_and_do_not_spend_the_real_one()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        var tampered = new[]
        {
            Flip(token, 0),
            Flip(token, 20),
            Flip(token, 50),
            Flip(token, token.Length - 1),
            token[..^1],
            token[..43],
            token + "A",
            token.Replace('A', 'B'),
            "A" + token,
            new string('A', 43) + token[43..],
            Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            "not a token",
            "../../etc/passwd",
            new string('A', 5000),
        };

        foreach (var bad in tampered.Where(t => t != token))
        {
            using (var peek = await _email.PeekAsync(browser, bad))
            {
                await peek.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
            }

            using var confirm = await _email.ConfirmAsync(browser, bad);
            await confirm.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        }

        using var real = await _email.ConfirmAsync(browser, token);
        Assert.That((int)real.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Token_in_query_is_an_option_for_pages_rendered_on_the_server()
    {
        await using var email = await EmailLoginHost.StartAsync(o => o.TokenInQuery = true);
        await email.Host.SeedUserAsync("bob", "bob@example.com");
        using var browser = email.Host.CreateClient();
        using var response = await email.RequestLinkAsync(browser, "bob@example.com");
        var text = (await email.MessagesToAsync("bob@example.com")).Single().TextBody;
        Assert.That(EmailLoginHost.LinkIn(text), Does.StartWith("https://localhost/email-login/confirm?token="));
    }

    [TestCase("{}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"token\":7}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"token\":\"x\"}", PasskeyHttpErrorCodes.TokenInvalid)]
    public async Task Peek_with_a_bad_body_is_a_400_problem(string body, string code)
    {
        using var browser = Host.CreateClient();
        using var response = await browser.PostJsonAsync("/passkeys/email-login/peek", body);
        var problem = await response.ReadProblemAsync(400, code);
        Assert.That(problem.ContainsKey("verified"), Is.False);
    }

    [Test]
    public async Task Link_opened_in_another_browser_is_refused_with_token_wrong_browser_and_still_works_in_the_right_one()
    {
        using var asker = Host.CreateClient();
        var token = await _email.RequestTokenAsync(asker, Alice);

        using var stranger = Host.CreateClient();
        using (var peek = await _email.PeekAsync(stranger, token))
        {
            var problem = await peek.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenWrongBrowser);
            Assert.That(problem.ToJsonString(), Does.Not.Contain("alice").IgnoreCase, "a stranger learns no name");
        }

        using (var confirm = await _email.ConfirmAsync(stranger, token))
        {
            var problem = await confirm.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenWrongBrowser);
            Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
        }

        // A browser with a binding of its own (it asked for a link too) is still another browser.
        using (var other = await _email.RequestLinkAsync(stranger, "someone@example.com"))
        {
            Assert.That((int)other.StatusCode, Is.EqualTo(202));
        }

        using (var confirm = await _email.ConfirmAsync(stranger, token))
        {
            await confirm.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenWrongBrowser);
        }

        Assert.That(await ClaimsAsync(stranger), Is.Empty, "the stranger is not signed in");
        using var right = await _email.ConfirmAsync(asker, token);
        Assert.That((int)right.StatusCode, Is.EqualTo(200), "refusals in the wrong browser did not use the link up");
    }

    [Test]
    public async Task A_forged_or_foreign_binding_cookie_is_another_browser()
    {
        using var asker = Host.CreateClient();
        var token = await _email.RequestTokenAsync(asker, Alice);
        using var stranger = Host.CreateClient();
        stranger.Cookies.Add(new Uri(PasskeysTestHost.Origin), new System.Net.Cookie("__Host-.Passkeys.EmailLogin", "Zm9yZ2Vk"));
        using var confirm = await _email.ConfirmAsync(stranger, token);
        await confirm.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenWrongBrowser);
    }

    [Test]
    public async Task Two_links_asked_from_one_browser_both_work_there()
    {
        using var browser = Host.CreateClient();
        var first = await _email.RequestTokenAsync(browser, Alice);
        var second = await _email.RequestTokenAsync(browser, Alice);
        Assert.That(second, Is.Not.EqualTo(first));
        using var older = await _email.PeekAsync(browser, first);
        Assert.That((int)older.StatusCode, Is.EqualTo(200), "asking again keeps the browser's binding");
        using var newer = await _email.ConfirmAsync(browser, second);
        Assert.That((int)newer.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Without_browser_binding_any_browser_can_use_the_link()
    {
        await using var email = await EmailLoginHost.StartAsync(o => o.BindToBrowser = false);
        await email.Host.SeedUserAsync("bob", "bob@example.com");
        using var asker = email.Host.CreateClient();
        var token = await email.RequestTokenAsync(asker, "bob@example.com");
        Assert.That(asker.SetCookie("__Host-.Passkeys.EmailLogin"), Is.Null, "no binding cookie");
        Assert.That(email.Tokens.Saved.Single().BrowserBindingHash, Is.Null);

        using var phone = email.Host.CreateClient();
        using var confirm = await email.ConfirmAsync(phone, token);
        Assert.That((await confirm.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Binding_cookie_is_host_prefixed_http_only_lax_secure_and_lives_as_long_as_the_link()
    {
        using var browser = Host.CreateClient();
        using var response = await _email.RequestLinkAsync(browser, "nobody@example.com");
        var cookie = browser.SetCookie("__Host-.Passkeys.EmailLogin");
        Assert.That(cookie, Is.Not.Null);
        Assert.That(cookie, Does.Contain("httponly").And.Contain("samesite=lax").And.Contain("secure").And.Contain("path=/"));
        Assert.That(cookie, Does.Not.Contain("domain="), "__Host- cookies carry no domain");
        var stored = browser.Cookies.GetCookies(new Uri(PasskeysTestHost.Origin))["__Host-.Passkeys.EmailLogin"]!;
        Assert.That(stored.Expires.ToUniversalTime(), Is.EqualTo(Host.Time.GetUtcNow().UtcDateTime.AddMinutes(10)).Within(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task Token_is_stored_only_as_its_sha256_hash_with_256_random_bits()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        var stored = _email.Tokens.Saved.Single();

        Assert.That(stored.TokenHash, Is.EqualTo(SHA256.HashData(Encoding.ASCII.GetBytes(token))));
        Assert.That(stored.UserId, Is.EqualTo((await Host.Users.FindByEmailAsync(Alice, CancellationToken.None))!.Id));
        Assert.That(stored.ExpiresAt, Is.EqualTo(Host.Time.GetUtcNow() + TimeSpan.FromMinutes(10)));
        Assert.That(stored.BrowserBindingHash, Has.Length.EqualTo(32));

        var cookie = browser.Cookie("__Host-.Passkeys.EmailLogin")!;
        Assert.That(stored.BrowserBindingHash, Is.Not.EqualTo(SHA256.HashData(Encoding.ASCII.GetBytes(cookie))), "the cookie is protected, the store has the hash of the secret inside");
        var storedText = Convert.ToBase64String(stored.TokenHash) + Convert.ToHexString(stored.TokenHash) + Convert.ToBase64String(stored.BrowserBindingHash!);
        Assert.That(storedText, Does.Not.Contain(token[..20]));

        Assert.That(token, Does.Match("^[A-Za-z0-9_-]+$"));
        Assert.That(token, Has.Length.GreaterThanOrEqualTo(43), "256 bits are 43 base64url characters");
        var again = await _email.RequestTokenAsync(browser, Alice);
        Assert.That(again[..43], Is.Not.EqualTo(token[..43]), "the random part differs");
    }

    [Test]
    public async Task Expired_links_are_swept_from_the_in_memory_store_as_new_ones_are_issued()
    {
        using var browser = Host.CreateClient();
        await _email.RequestTokenAsync(browser, Alice);
        Host.Time.Advance(TimeSpan.FromMinutes(11));
        await _email.RequestTokenAsync(browser, Alice);
        Assert.That(_email.Tokens.Removed, Is.EqualTo(1));
    }

    [Test]
    public async Task Confirm_for_a_deleted_account_is_token_invalid()
    {
        using var browser = Host.CreateClient();
        var token = await _email.RequestTokenAsync(browser, Alice);
        var alice = await Host.Users.FindByEmailAsync(Alice, CancellationToken.None);
        await Host.Users.DeleteAsync(alice!.Id, CancellationToken.None);

        using (var peek = await _email.PeekAsync(browser, token))
        {
            await peek.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        }

        using var confirm = await _email.ConfirmAsync(browser, token);
        await confirm.ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
    }

    [Test]
    public async Task Email_sign_in_raises_OnEmailSignedIn()
    {
        var signedIn = new List<string>();
        await using var email = await EmailLoginHost.StartAsync(http: h => h.Events.OnEmailSignedIn = c =>
        {
            signedIn.Add(c.User.UserName);
            return Task.CompletedTask;
        });
        await email.Host.SeedUserAsync("bob", "bob@example.com");
        using var browser = email.Host.CreateClient();
        var token = await email.RequestTokenAsync(browser, "bob@example.com");
        using var confirm = await email.ConfirmAsync(browser, token);
        Assert.That(signedIn, Is.EqualTo(new[] { "bob" }));
    }

    [Test]
    public async Task Cross_site_requests_for_links_and_confirms_are_refused()
    {
        using var browser = Host.CreateClient();
        browser.Origin = "https://evil.example";
        using (var request = await _email.RequestLinkAsync(browser, Alice))
        {
            await request.ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
        }

        using (var confirm = await _email.ConfirmAsync(browser, "x"))
        {
            var problem = await confirm.ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
            Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
        }

        await _email.WhenIdleAsync();
        Assert.That(_email.Sender.Messages, Is.Empty);
    }

    [Test]
    public async Task Endpoints_are_not_mapped_without_AddEmailLogin()
    {
        await using var host = await PasskeysTestHost.StartAsync();
        using var browser = host.CreateClient();
        using var response = await browser.PostJsonAsync("/passkeys/email-login", new { email = Alice });
        Assert.That((int)response.StatusCode, Is.EqualTo(404).Or.EqualTo(405));
    }

    internal static async Task<List<(string Type, string Value)>> ClaimsAsync(TestClient client)
    {
        using var response = await client.GetAsync("/test/claims");
        if ((int)response.StatusCode == 401)
        {
            return [];
        }

        var array = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return array.Select(c => (c![0]!.GetValue<string>(), c[1]!.GetValue<string>())).ToList();
    }

    private static string Shape(HttpResponseMessage response)
        => string.Join("|", response.Headers.Select(h => h.Key == "Set-Cookie"
            ? "Set-Cookie:" + string.Join(",", h.Value.Select(v => v[..v.IndexOf('=', StringComparison.Ordinal)]))
            : h.Key + ":" + (h.Key is "Date" ? "" : string.Join(",", h.Value))));

    private static string Flip(string token, int index)
    {
        var chars = token.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
