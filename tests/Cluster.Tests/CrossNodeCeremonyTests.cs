using System.Net;
using System.Text.Json;
using Cluster.Tests.Infrastructure;
using Passkeys.Testing;

namespace Cluster.Tests;

/// <summary>
/// Every ceremony begun on one node and completed on another, as a balancer without sticky sessions sends it: the
/// ceremony (its cookie and its record) crosses nodes, and the session the second node sets is good on the third.
/// </summary>
[TestFixture]
public sealed class CrossNodeCeremonyTests : ClusterTest
{
    [TestCase(1, 2)]
    [TestCase(2, 3)]
    [TestCase(3, 1)]
    public async Task Sign_up_begun_on_one_node_completes_on_another(int begin, int complete)
    {
        using var browser = NewBrowser();
        var name = Unique("signup");

        var options = await browser.On(begin).PostJsonAsync("/passkeys/register/options", Json(new { userName = name }));
        var verified = await browser.On(complete).PostJsonAsync("/passkeys/register", browser.Authenticator.CreateCredential(options));

        Assert.That(JsonDocument.Parse(verified).RootElement.GetProperty("verified").GetBoolean(), Is.True);
        var account = await AccountAsync(browser.On(Third(begin, complete)));
        Assert.That(account.GetProperty("userName").GetString(), Is.EqualTo(name));
        Assert.That(account.GetProperty("passkeyCount").GetInt32(), Is.EqualTo(1));
    }

    [TestCase(1, 2)]
    [TestCase(2, 3)]
    [TestCase(3, 1)]
    public async Task Username_first_sign_in_begun_on_one_node_completes_on_another(int begin, int complete)
    {
        var (name, authenticator) = await SignUpAsync(begin);

        await SignInAcrossAsync(name, authenticator, Json(new { userName = name }), begin, complete);
    }

    [TestCase(1, 2)]
    [TestCase(2, 3)]
    [TestCase(3, 1)]
    public async Task Discoverable_sign_in_begun_on_one_node_completes_on_another(int begin, int complete)
    {
        var (name, authenticator) = await SignUpAsync(complete);

        await SignInAcrossAsync(name, authenticator, "{}", begin, complete);
    }

    [TestCase(1, 2)]
    [TestCase(2, 3)]
    [TestCase(3, 1)]
    public async Task Adding_a_passkey_begun_on_one_node_completes_on_another_and_the_new_passkey_signs_in(int begin, int complete)
    {
        using var browser = NewBrowser();
        await browser.On(begin).SignUpAsync(Unique("adder"), Unique("adder") + "@example.com");
        var secondDevice = new SoftwareAuthenticator { Origin = Cluster.Origin };

        var options = await browser.On(begin).PostJsonAsync("/passkeys/credentials/options", "{}");
        using (var added = await browser.On(complete).SendJsonAsync(HttpMethod.Post, "/passkeys/credentials", secondDevice.CreateCredential(options)))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        }

        Assert.That((await AccountAsync(browser.On(Third(begin, complete)))).GetProperty("passkeyCount").GetInt32(), Is.EqualTo(2));
        using var withSecondDevice = NewBrowser(secondDevice);
        await withSecondDevice.On(Third(begin, complete)).LogInAsync();
    }

    [TestCase(1, 2)]
    [TestCase(2, 3)]
    [TestCase(3, 1)]
    public async Task Reauthentication_begun_on_one_node_completes_on_another_and_allows_a_step_up_on_the_third(int begin, int complete)
    {
        var (_, authenticator, email) = await SignUpVerifiedAsync(begin);
        using var newDevice = NewBrowser(authenticator);
        await newDevice.On(complete).SignInByEmailAsync(email);
        using (var before = await newDevice.On(Third(begin, complete)).SendJsonAsync(HttpMethod.Post, "/passkeys/logout-others", "{}"))
        {
            await ProblemAssert.ExpectAsync(before, 401, "reauthentication_required");
        }

        var options = await newDevice.On(begin).PostJsonAsync("/passkeys/reauthenticate/options", "{}");
        await newDevice.On(complete).PostJsonAsync("/passkeys/reauthenticate", authenticator.GetAssertion(options));

        using var after = await newDevice.On(Third(begin, complete)).SendJsonAsync(HttpMethod.Post, "/passkeys/logout-others", "{}");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await after.Content.ReadAsStringAsync());
    }

    [TestCase(1, 2)]
    [TestCase(2, 3)]
    [TestCase(3, 1)]
    public async Task Emailed_sign_in_link_asked_for_on_one_node_is_confirmed_on_another(int begin, int complete)
    {
        var (name, _, email) = await SignUpVerifiedAsync(begin);
        using var newDevice = NewBrowser();

        await newDevice.On(begin).RequestEmailLinkAsync(new { email });
        var link = await Cluster.Mailbox.WaitForLinkAsync(email);
        Assert.That(link.GetLeftPart(UriPartial.Authority), Is.EqualTo(Cluster.Origin), "the link leads to the balancer");
        var token = Json(new { token = SiteBrowser.TokenOf(link) });
        await newDevice.On(complete).GetPageAsync(link.PathAndQuery);
        var who = await newDevice.On(complete).PostJsonAsync("/passkeys/email-login/peek", token);
        await newDevice.On(complete).PostJsonAsync("/passkeys/email-login/confirm", token);

        Assert.That(JsonDocument.Parse(who).RootElement.GetProperty("userName").GetString(), Is.EqualTo(name));
        Assert.That((await AccountAsync(newDevice.On(Third(begin, complete)))).GetProperty("userName").GetString(), Is.EqualTo(name));
    }

    [Test]
    public async Task Every_ceremony_through_the_balancer_has_its_requests_answered_by_different_nodes()
    {
        var name = Unique("balanced");
        var email = name + "@example.com";
        using var browser = NewBrowser();
        var site = browser.ViaBalancer;
        var steps = new List<(string Ceremony, int From)>();
        async Task Step(string ceremony, Func<Task> run)
        {
            steps.Add((ceremony, browser.AnsweredBy.Count));
            await run();
        }

        await Step("sign-up and email verification", () => site.SignUpVerifiedAsync(name, email));
        await Step("sign-out", () => site.PostJsonAsync("/passkeys/logout", "{}"));
        await Step("username-first sign-in", () => site.LogInAsync(name));
        await Step("sign-out", () => site.PostJsonAsync("/passkeys/logout", "{}"));
        await Step("discoverable sign-in", () => site.LogInAsync());
        await Step("adding a passkey", async () =>
        {
            var options = await site.PostJsonAsync("/passkeys/credentials/options", "{}");
            await site.PostJsonAsync("/passkeys/credentials", new SoftwareAuthenticator { Origin = Cluster.Origin }.CreateCredential(options));
        });
        await Step("reauthentication", site.ReauthenticateAsync);
        await Step("sign-out", () => site.PostJsonAsync("/passkeys/logout", "{}"));
        await Step("emailed sign-in link", () => site.SignInByEmailAsync(email));
        var account = await AccountAsync(site);

        var nodes = browser.AnsweredBy;
        Assert.That(account.GetProperty("passkeyCount").GetInt32(), Is.EqualTo(2));
        Assert.That(nodes.Distinct().Count(), Is.EqualTo(RunningCluster.NodeCount), string.Join(' ', nodes));
        for (var i = 1; i < nodes.Count; i++)
        {
            var ceremony = steps.Last(s => s.From <= i - 1).Ceremony;
            Assert.That(nodes[i], Is.Not.EqualTo(nodes[i - 1]), $"requests {i} and {i + 1} ({ceremony}) went to one node: {string.Join(' ', nodes)}");
        }
    }

    /// <summary>Signs in on another browser with the user's passkey: options on one node, response on another; the third sees the session.</summary>
    private static async Task SignInAcrossAsync(string name, SoftwareAuthenticator authenticator, string optionsRequest, int begin, int complete)
    {
        using var laptop = NewBrowser(authenticator);

        var options = await laptop.On(begin).PostJsonAsync("/passkeys/login/options", optionsRequest);
        await laptop.On(complete).PostJsonAsync("/passkeys/login", authenticator.GetAssertion(options));

        Assert.That((await AccountAsync(laptop.On(Third(begin, complete)))).GetProperty("userName").GetString(), Is.EqualTo(name));
    }

    /// <summary>The node that is neither <paramref name="a"/> nor <paramref name="b"/>.</summary>
    private static int Third(int a, int b) => 6 - a - b;
}
