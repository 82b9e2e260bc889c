using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Passkeys.Testing;

namespace Passkeys.Tests.Site;

/// <summary>
/// A browser with a passkey provider: a cookie-keeping client that does not follow redirects, and a software
/// authenticator (its own, or another browser's for a second browser of the same person), driving the passkey
/// endpoints the way the site's scripts do; it reads its email in the site's pickup folder. Its pages are at
/// <paramref name="origin"/> (the <c>Origin</c> of its requests and its passkeys' client data), which need not be the
/// address its client sends to (a node behind a balancer).
/// </summary>
public sealed partial class SiteBrowser(HttpClient client, Mailbox mailbox, string origin, SoftwareAuthenticator? authenticator = null) : IDisposable
{
    public HttpClient Client { get; } = client;

    public string Origin { get; } = origin;

    public SoftwareAuthenticator Authenticator { get; } = authenticator ?? new() { Origin = origin };

    public Mailbox Mailbox { get; } = mailbox;

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {html}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        return html;
    }

    /// <summary>Signs up as register.js does and returns the verify response's <c>next</c>.</summary>
    public async Task<string> SignUpAsync(string userName, string email, string? displayName = null, string query = "")
    {
        var options = await PostJsonAsync("/passkeys/register/options", JsonSerializer.Serialize(new { userName, displayName, email }));
        var verified = await PostJsonAsync("/passkeys/register" + query, Authenticator.CreateCredential(options));
        return JsonDocument.Parse(verified).RootElement.GetProperty("next").GetString()!;
    }

    /// <summary>Signs up as <see cref="SignUpAsync"/> does, then verifies the address from the email the site sent to it.</summary>
    public async Task<string> SignUpVerifiedAsync(string userName, string email, string? displayName = null)
    {
        var next = await SignUpAsync(userName, email, displayName);
        await VerifyEmailAsync(email);
        return next;
    }

    /// <summary>
    /// Verifies <paramref name="email"/> as its owner does: opens the next verification link sent to it (the verify
    /// page), and presses the button (peek, then verify). Returns the verify response.
    /// </summary>
    public async Task<JsonElement> VerifyEmailAsync(string email)
    {
        var link = await Mailbox.WaitForVerificationLinkAsync(email);
        await GetPageAsync(link.PathAndQuery);
        var token = JsonSerializer.Serialize(new { token = TokenOf(link) });
        await PostJsonAsync("/passkeys/email/verify/peek", token);
        return JsonDocument.Parse(await PostJsonAsync("/passkeys/email/verify", token)).RootElement.Clone();
    }

    /// <summary>Signs in with a passkey as login.js does (discoverable when no name is given) and returns <c>next</c>.</summary>
    public async Task<string> LogInAsync(string? userName = null, string query = "")
    {
        var options = await PostJsonAsync("/passkeys/login/options", userName is null ? "{}" : JsonSerializer.Serialize(new { userName }));
        var verified = await PostJsonAsync("/passkeys/login" + query, Authenticator.GetAssertion(options));
        return JsonDocument.Parse(verified).RootElement.GetProperty("next").GetString()!;
    }

    /// <summary>Confirms it is the signed-in user with a passkey, as passkeys.js does when the server answers 401 <c>reauthentication_required</c>.</summary>
    public async Task ReauthenticateAsync()
    {
        var options = await PostJsonAsync("/passkeys/reauthenticate/options", "{}");
        await PostJsonAsync("/passkeys/reauthenticate", Authenticator.GetAssertion(options));
    }

    /// <summary>Asks for a sign-in link as login.js does (body <c>{email}</c> or <c>{userName}</c>); the answer is always 202.</summary>
    public async Task RequestEmailLinkAsync(object body)
    {
        using var response = await SendJsonAsync(HttpMethod.Post, "/passkeys/email-login", JsonSerializer.Serialize(body));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Signs in by emailed link as a person on a new device does: asks for the link, opens it from the email (the
    /// confirm page), and presses the button (peek, then confirm). Returns the confirm response's <c>next</c>.
    /// </summary>
    public async Task<string> SignInByEmailAsync(string email)
    {
        await RequestEmailLinkAsync(new { email });
        var link = await Mailbox.WaitForLinkAsync(email);
        await GetPageAsync(link.PathAndQuery);
        var token = TokenOf(link);
        await PostJsonAsync("/passkeys/email-login/peek", JsonSerializer.Serialize(new { token }));
        var confirmed = await PostJsonAsync("/passkeys/email-login/confirm", JsonSerializer.Serialize(new { token }));
        return JsonDocument.Parse(confirmed).RootElement.GetProperty("next").GetString()!;
    }

    /// <summary>The token in a sign-in link's fragment, as readEmailLink() reads it.</summary>
    public static string TokenOf(Uri link)
    {
        var fragment = System.Web.HttpUtility.ParseQueryString(link.Fragment.TrimStart('#'));
        return fragment["token"] ?? throw new AssertionException($"The link has no token: {link}");
    }

    public async Task<string> PostJsonAsync(string path, string json)
    {
        using var response = await SendJsonAsync(HttpMethod.Post, path, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"POST {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", Origin);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Posts a form of the page as the browser would, with the antiforgery token the page rendered.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string pageHtml, bool includeToken = true)
    {
        var fields = new Dictionary<string, string>();
        if (includeToken)
        {
            fields["__RequestVerificationToken"] = AntiforgeryToken(pageHtml);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", Origin);
        return await Client.SendAsync(request);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.That(match.Success, Is.True, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
