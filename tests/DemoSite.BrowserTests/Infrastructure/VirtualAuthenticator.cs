using System.Text.Json;
using Microsoft.Playwright;

namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>
/// A passkey provider in the browser: a CTAP2 platform authenticator (internal transport, resident keys, user
/// verification) added through the DevTools <c>WebAuthn</c> domain of one page.
/// </summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession _session;

    private VirtualAuthenticator(ICDPSession session, string id)
    {
        _session = session;
        Id = id;
    }

    public string Id { get; }

    /// <summary>
    /// Adds an authenticator; with <paramref name="automaticPresence"/> it answers every request at once,
    /// as a person who touches the sensor straight away.
    /// </summary>
    public static async Task<VirtualAuthenticator> AddAsync(ICDPSession session, bool automaticPresence = true)
    {
        var result = await session.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = automaticPresence,
            },
        });
        return new VirtualAuthenticator(session, result!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>Takes the authenticator out of the browser, as unplugging a security key or losing a device.</summary>
    public Task RemoveAsync() => SendAsync("WebAuthn.removeVirtualAuthenticator");

    /// <summary>
    /// Turns the simulated touch on or off: off, the authenticator leaves requests unanswered (the page's autofill
    /// request waits, as it does for a person who has not picked a passkey yet).
    /// </summary>
    public Task SetAutomaticPresenceAsync(bool enabled) => SendAsync("WebAuthn.setAutomaticPresenceSimulation", new() { ["enabled"] = enabled });

    /// <summary>Gets the credentials the authenticator holds, with their private keys (so they can be copied elsewhere).</summary>
    public async Task<IReadOnlyList<VirtualCredential>> GetCredentialsAsync()
    {
        var result = await SendAsync("WebAuthn.getCredentials");
        return [.. result!.Value.GetProperty("credentials").EnumerateArray().Select(c => new VirtualCredential(c.Clone()))];
    }

    /// <summary>Puts a credential into the authenticator, as a passkey synced from another device.</summary>
    public Task AddCredentialAsync(VirtualCredential credential) => SendAsync("WebAuthn.addCredential", new() { ["credential"] = credential.Json });

    public Task ClearCredentialsAsync() => SendAsync("WebAuthn.clearCredentials");

    private Task<JsonElement?> SendAsync(string method, Dictionary<string, object>? arguments = null)
    {
        arguments ??= [];
        arguments["authenticatorId"] = Id;
        return _session.SendAsync(method, arguments);
    }
}
