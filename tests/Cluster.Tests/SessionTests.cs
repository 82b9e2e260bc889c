using System.Net;
using Cluster.Tests.Infrastructure;

namespace Cluster.Tests;

/// <summary>
/// A session is the cluster's, not a node's: its cookie (protected with the key ring the nodes share in the database)
/// is read by every node, and ending it on one node ends it on all (the security stamp is checked on each request).
/// </summary>
[TestFixture]
public sealed class SessionTests : ClusterTest
{
    [Test]
    public async Task A_session_cookie_set_by_one_node_is_accepted_by_every_other()
    {
        using var browser = NewBrowser();
        var name = Unique("session");
        await browser.On(1).SignUpAsync(name, name + "@example.com");

        foreach (var node in new[] { 2, 3 })
        {
            Assert.That((await AccountAsync(browser.On(node))).GetProperty("userName").GetString(), Is.EqualTo(name), $"node {node}");
        }
    }

    [Test]
    public async Task A_sign_out_on_one_node_holds_on_every_other()
    {
        using var browser = NewBrowser();
        var name = Unique("leaver");
        await browser.On(1).SignUpAsync(name, name + "@example.com");
        await AccountAsync(browser.On(2));

        using (var logout = await browser.On(1).SendJsonAsync(HttpMethod.Post, "/passkeys/logout"))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await ExpectSignedOutAsync(browser.On(2));
        await ExpectSignedOutAsync(browser.On(3));
    }

    [Test]
    public async Task Signing_out_other_sessions_on_one_node_ends_the_other_browser_session_on_every_node()
    {
        using var phone = NewBrowser();
        var name = Unique("revoker");
        await phone.On(1).SignUpAsync(name, name + "@example.com");
        using var laptop = NewBrowser(phone.Authenticator);
        await laptop.On(2).LogInAsync();
        await AccountAsync(laptop.On(3));

        // The phone signed up just now: a recent passkey ceremony, so the step-up is satisfied.
        using (var response = await phone.On(1).SendJsonAsync(HttpMethod.Post, "/passkeys/logout-others", "{}"))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        }

        await ExpectSignedOutAsync(laptop.On(2));
        await ExpectSignedOutAsync(laptop.On(3));
        foreach (var node in new[] { 2, 3 })
        {
            Assert.That((await AccountAsync(phone.On(node))).GetProperty("userName").GetString(), Is.EqualTo(name), $"the phone stays signed in on node {node}");
        }
    }
}
