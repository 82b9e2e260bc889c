using System.Net;
using System.Text.Json;
using Passkeys.Testing;

namespace Cluster.Tests.Infrastructure;

/// <summary>What the cluster tests share: the running cluster, fresh names, and the account as a node sees it.</summary>
public abstract class ClusterTest
{
    protected static RunningCluster Cluster => ClusterSetup.Cluster;

    /// <summary>A user name no other test of this run uses.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    protected static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>A browser with a passkey provider of its own, or with another browser's (the same person's).</summary>
    protected static ClusterBrowser NewBrowser(SoftwareAuthenticator? authenticator = null) => new(Cluster, authenticator);

    /// <summary>The signed-in account as <paramref name="browser"/>'s node answers <c>GET /passkeys/account</c>; fails on anything but 200.</summary>
    protected static async Task<JsonElement> AccountAsync(SiteBrowser browser)
    {
        using var response = await browser.Client.GetAsync(new Uri("/passkeys/account", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET /passkeys/account on {browser.Client.BaseAddress}: {body}\n{Cluster.NodeLogs()}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts that <paramref name="browser"/>'s node answers <c>GET /passkeys/account</c> with 401 <c>not_authenticated</c>.</summary>
    protected static async Task ExpectSignedOutAsync(SiteBrowser browser)
        => await ProblemAssert.ExpectAsync(await browser.Client.GetAsync(new Uri("/passkeys/account", UriKind.Relative)), 401, "not_authenticated");

    /// <summary>Signs up a new user on <paramref name="node"/> in a browser of its own; returns the name and the user's passkey provider.</summary>
    protected static async Task<(string Name, SoftwareAuthenticator Authenticator)> SignUpAsync(int node)
    {
        using var browser = NewBrowser();
        var name = Unique("user");
        await browser.On(node).SignUpAsync(name, name + "@example.com");
        return (name, browser.Authenticator);
    }

    /// <summary>As <see cref="SignUpAsync"/>, and verifies the address from the email a node sent; returns it too.</summary>
    protected static async Task<(string Name, SoftwareAuthenticator Authenticator, string Email)> SignUpVerifiedAsync(int node)
    {
        using var browser = NewBrowser();
        var name = Unique("user");
        await browser.On(node).SignUpVerifiedAsync(name, name + "@example.com");
        return (name, browser.Authenticator, name + "@example.com");
    }
}
