using System.Text.Json;

namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>A credential as the DevTools <c>WebAuthn</c> domain describes it (binary fields in base64).</summary>
public sealed class VirtualCredential(JsonElement json)
{
    public JsonElement Json { get; } = json;

    /// <summary>Gets the credential id in base64url, as the site names it (<c>data-passkey-id</c>).</summary>
    public string Id => Json.GetProperty("credentialId").GetString()!.TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string RelyingPartyId => Json.GetProperty("rpId").GetString()!;

    public bool IsResidentCredential => Json.GetProperty("isResidentCredential").GetBoolean();

    public int SignCount => Json.GetProperty("signCount").GetInt32();

    public string UserName => Json.GetProperty("userName").GetString()!;

    /// <summary>Gets the user handle in base64url, as the account names it (<c>userHandle</c>).</summary>
    public string UserHandle => Json.GetProperty("userHandle").GetString()!.TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
