using System.Text.Json.Nodes;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A browser with a passkey provider: a cookie-keeping client and a software authenticator, driving the
/// endpoints the way passkeys.js does.
/// </summary>
internal sealed class PasskeyBrowser : IDisposable
{
    public PasskeyBrowser(PasskeysTestHost host)
    {
        Client = host.CreateClient();
    }

    public TestClient Client { get; }

    public SoftwareAuthenticator Authenticator { get; } = new() { Origin = PasskeysTestHost.Origin };

    public string? LastOptions { get; set; }

    public string? LastResponse { get; private set; }

    public async Task<HttpResponseMessage> SignUpAsync(string userName, string? email = null, string? displayName = null, string query = "")
    {
        using var options = await Client.PostJsonAsync("/passkeys/register/options", new { userName, displayName, email });
        Assert.That((int)options.StatusCode, Is.EqualTo(200), await options.Content.ReadAsStringAsync());
        LastOptions = await options.Content.ReadAsStringAsync();
        LastResponse = Authenticator.CreateCredential(LastOptions);
        return await Client.PostJsonAsync("/passkeys/register" + query, LastResponse);
    }

    public async Task<HttpResponseMessage> LoginAsync(string? userName = null, string query = "", SoftwareTampering? tampering = null, byte[]? credentialId = null)
    {
        using var options = await Client.PostJsonAsync("/passkeys/login/options", userName is null ? new { } : new { userName });
        Assert.That((int)options.StatusCode, Is.EqualTo(200), await options.Content.ReadAsStringAsync());
        LastOptions = await options.Content.ReadAsStringAsync();
        LastResponse = Authenticator.GetAssertion(LastOptions, tampering, credentialId);
        return await Client.PostJsonAsync("/passkeys/login" + query, LastResponse);
    }

    public async Task<HttpResponseMessage> AddPasskeyAsync(SoftwareAuthenticator? otherDevice = null)
    {
        using var options = await Client.PostJsonAsync("/passkeys/credentials/options", "{}");
        Assert.That((int)options.StatusCode, Is.EqualTo(200), await options.Content.ReadAsStringAsync());
        LastOptions = await options.Content.ReadAsStringAsync();
        LastResponse = (otherDevice ?? Authenticator).CreateCredential(LastOptions);
        return await Client.PostJsonAsync("/passkeys/credentials", LastResponse);
    }

    public async Task<JsonArray> ListAsync()
    {
        using var response = await Client.GetAsync("/passkeys/credentials");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public void Dispose() => Client.Dispose();
}
