using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Passkeys.Testing;

namespace QuickStart.Tests.Infrastructure;

/// <summary>
/// Someone with a passkey provider visiting a running app: drives the endpoints over real HTTP as passkeys.js does,
/// with the <see cref="SoftwareAuthenticator"/> in place of the browser's WebAuthn.
/// </summary>
internal sealed class PasskeyVisitor(RunningApp app, SoftwareAuthenticator authenticator)
{
    public SoftwareAuthenticator Authenticator { get; } = authenticator;

    public async Task SignUpAsync(string userName)
    {
        var options = await PostAsync("/passkeys/register/options", $$"""{"userName":"{{userName}}"}""", HttpStatusCode.OK);
        var verified = await PostAsync("/passkeys/register", Authenticator.CreateCredential(options), HttpStatusCode.OK);
        Assert.That(JsonNode.Parse(verified)!["verified"]!.GetValue<bool>(), Is.True, verified);
    }

    /// <summary>Signs in without a user name (a discoverable credential, as the autofill list and the empty field do).</summary>
    public async Task SignInAsync()
    {
        var options = await PostAsync("/passkeys/login/options", "{}", HttpStatusCode.OK);
        var verified = await PostAsync("/passkeys/login", Authenticator.GetAssertion(options), HttpStatusCode.OK);
        Assert.That(JsonNode.Parse(verified)!["verified"]!.GetValue<bool>(), Is.True, verified);
    }

    public async Task SignOutAsync() => await PostAsync("/passkeys/logout", "{}", HttpStatusCode.NoContent);

    /// <summary>Gets the signed-in user's name, or null when the account endpoint says nobody is signed in.</summary>
    public async Task<string?> SignedInUserNameAsync()
    {
        using var response = await app.Client.GetAsync("/passkeys/account");
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.That(body, Does.Contain("\"not_authenticated\""));
            return null;
        }

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!["userName"]!.GetValue<string>();
    }

    private async Task<string> PostAsync(string path, string json, HttpStatusCode expected)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await app.Client.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"POST {path}: {body}\n--- app output ---\n{app.Output}");
        return body;
    }
}
