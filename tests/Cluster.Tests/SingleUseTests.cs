using System.Net;
using System.Text.Json;
using Cluster.Tests.Infrastructure;

namespace Cluster.Tests;

/// <summary>
/// A ceremony response and an emailed link are good once in the whole cluster: the node that takes one spends it
/// for every node, and when the same request reaches every node at once, one node takes it and the others refuse it.
/// Each request is replayed with the cookies the browser had when it was made, as a captured request would be.
/// </summary>
[TestFixture]
public sealed class SingleUseTests : ClusterTest
{
    private const int Rounds = 4;
    private const int CopiesPerNode = 2;

    [Test]
    public async Task A_sign_in_response_taken_by_one_node_is_refused_by_every_node_after()
    {
        var (_, authenticator) = await SignUpAsync(1);
        using var browser = NewBrowser(authenticator);
        var options = await browser.On(1).PostJsonAsync("/passkeys/login/options", "{}");
        var response = authenticator.GetAssertion(options);

        await ExpectTakenThenRefusedAsync(browser, "/passkeys/login", response, takenOn: 2, 401, "challenge_not_found");
    }

    [Test]
    public async Task A_sign_up_response_taken_by_one_node_is_refused_by_every_node_after()
    {
        using var browser = NewBrowser();
        var options = await browser.On(3).PostJsonAsync("/passkeys/register/options", Json(new { userName = Unique("once") }));
        var response = browser.Authenticator.CreateCredential(options);

        await ExpectTakenThenRefusedAsync(browser, "/passkeys/register", response, takenOn: 1, 400, "challenge_not_found");
    }

    [Test]
    public async Task An_emailed_sign_in_link_confirmed_on_one_node_is_refused_by_every_node_after()
    {
        var (_, _, email) = await SignUpVerifiedAsync(2);
        using var browser = NewBrowser();
        var token = await RequestLinkAsync(browser, 2, email);

        await ExpectTakenThenRefusedAsync(browser, "/passkeys/email-login/confirm", token, takenOn: 3, 400, "token_invalid");
    }

    [Test]
    public async Task A_sign_in_response_sent_to_every_node_at_once_is_taken_by_exactly_one()
    {
        var (_, authenticator) = await SignUpAsync(2);
        for (var round = 0; round < Rounds; round++)
        {
            using var browser = NewBrowser(authenticator);
            var options = await browser.On(round % RunningCluster.NodeCount + 1).PostJsonAsync("/passkeys/login/options", "{}");

            await ExpectOneTakenAsync(browser, "/passkeys/login", authenticator.GetAssertion(options), HttpStatusCode.OK, 401, "challenge_not_found");
        }
    }

    [Test]
    public async Task A_sign_up_response_sent_to_every_node_at_once_is_taken_by_exactly_one()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var browser = NewBrowser();
            var options = await browser.On(round % RunningCluster.NodeCount + 1).PostJsonAsync("/passkeys/register/options", Json(new { userName = Unique("racer") }));

            await ExpectOneTakenAsync(browser, "/passkeys/register", browser.Authenticator.CreateCredential(options), HttpStatusCode.OK, 400, "challenge_not_found");
        }
    }

    [Test]
    public async Task An_emailed_sign_in_link_confirmed_on_every_node_at_once_signs_in_exactly_once()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var node = round % RunningCluster.NodeCount + 1;
            var (_, _, email) = await SignUpVerifiedAsync(node);
            using var browser = NewBrowser();
            var token = await RequestLinkAsync(browser, node, email);

            await ExpectOneTakenAsync(browser, "/passkeys/email-login/confirm", token, HttpStatusCode.OK, 400, "token_invalid");
        }
    }

    /// <summary>Asks for a sign-in link on <paramref name="node"/>, opens it and returns the confirm request's body.</summary>
    private static async Task<string> RequestLinkAsync(ClusterBrowser browser, int node, string email)
    {
        await browser.On(node).RequestEmailLinkAsync(new { email });
        var link = await Cluster.Mailbox.WaitForLinkAsync(email);
        await browser.On(node).GetPageAsync(link.PathAndQuery);
        return Json(new { token = SiteBrowser.TokenOf(link) });
    }

    /// <summary>Sends the request to <paramref name="takenOn"/>, which takes it, then the same request (same cookies) to every node in turn.</summary>
    private static async Task ExpectTakenThenRefusedAsync(ClusterBrowser browser, string path, string body, int takenOn, int refusedStatus, string refusedCode)
    {
        var cookies = browser.Cookies;
        using (var taken = await browser.ReplayAsync(takenOn, path, body, cookies))
        {
            Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.OK), await taken.Content.ReadAsStringAsync());
        }

        foreach (var node in Enumerable.Range(1, RunningCluster.NodeCount))
        {
            await ProblemAssert.ExpectAsync(await browser.ReplayAsync(node, path, body, cookies), refusedStatus, refusedCode);
        }
    }

    /// <summary>Sends the same request, with the same cookies, <see cref="CopiesPerNode"/> times to every node at once.</summary>
    private static async Task ExpectOneTakenAsync(ClusterBrowser browser, string path, string body, HttpStatusCode taken, int refusedStatus, string refusedCode)
    {
        var cookies = browser.Cookies;
        var targets = Enumerable.Range(0, CopiesPerNode).SelectMany(_ => Enumerable.Range(1, RunningCluster.NodeCount)).ToList();
        var responses = await Task.WhenAll(targets.Select(node => browser.ReplayAsync(node, path, body, cookies)));
        try
        {
            var answers = await Task.WhenAll(responses.Select(async (r, i) => (Node: targets[i], Status: (int)r.StatusCode, Body: await r.Content.ReadAsStringAsync())));
            var summary = string.Join('\n', answers.Select(a => $"node {a.Node}: {a.Status} {a.Body}"));
            var refused = answers.Where(a => a.Status != (int)taken).ToList();

            Assert.That(answers.Count(a => a.Status == (int)taken), Is.EqualTo(1), summary);
            Assert.That(refused.Select(a => a.Status), Is.All.EqualTo(refusedStatus), summary);
            Assert.That(refused.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("code").GetString()), Is.All.EqualTo(refusedCode), summary);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
