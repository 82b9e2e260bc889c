using System.Text.Json.Nodes;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A browser with a passkey provider: a cookie-keeping client and a software authenticator, driving the
/// endpoints the way passkeys.js does.
/// </summary>
internal sealed class PasskeyBrowser : IDisposable
{
    /// <summary>Creates a browser of https://localhost (or <paramref name="origin"/>), with its own passkeys or those of <paramref name="authenticator"/>.</summary>
    public PasskeyBrowser(PasskeysTestHost host, string origin = PasskeysTestHost.Origin, SoftwareAuthenticator? authenticator = null)
    {
        Client = host.CreateClient(origin);
        Authenticator = authenticator ?? new SoftwareAuthenticator { Origin = origin };
    }

    public TestClient Client { get; }

    public SoftwareAuthenticator Authenticator { get; }

    public string? LastOptions { get; set; }

    public string? LastResponse { get; private set; }

    /// <summary>Gets or sets the id of a passkey a test noted, as the endpoints write it.</summary>
    public string? LastCredentialId { get; set; }

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

    /// <summary>Confirms it is the signed-in user with a passkey (step-up), with this browser's authenticator or <paramref name="device"/>.</summary>
    public async Task<HttpResponseMessage> ReauthenticateAsync(SoftwareAuthenticator? device = null, byte[]? credentialId = null)
    {
        using var options = await Client.PostJsonAsync("/passkeys/reauthenticate/options", "{}");
        Assert.That((int)options.StatusCode, Is.EqualTo(200), await options.Content.ReadAsStringAsync());
        LastOptions = await options.Content.ReadAsStringAsync();
        LastResponse = (device ?? Authenticator).GetAssertion(LastOptions, credentialId: credentialId);
        return await Client.PostJsonAsync("/passkeys/reauthenticate", LastResponse);
    }

    public async Task<JsonArray> ListAsync()
    {
        using var response = await Client.GetAsync("/passkeys/credentials");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public void Dispose() => Client.Dispose();
}
