using System.Net;
using System.Text.Json;
using Cluster.Tests.Infrastructure;

namespace Cluster.Tests;

/// <summary>Sign-ups racing for one user name on different nodes of one database make one account.</summary>
[TestFixture]
public sealed class SignUpRaceTests : ClusterTest
{
    private const int Browsers = 20;

    [Test]
    public async Task Twenty_sign_ups_with_one_name_at_once_across_the_nodes_make_one_account_with_one_passkey()
    {
        var name = Unique("contested");
        var browsers = Enumerable.Range(0, Browsers).Select(_ => NewBrowser()).ToList();
        try
        {
            // Every browser gets its options first (the name is free for all of them), then all complete at once,
            // each on another node than the one that began its ceremony.
            var options = await Task.WhenAll(browsers.Select((b, i) => b.On(i % RunningCluster.NodeCount + 1).PostJsonAsync("/passkeys/register/options", Json(new { userName = name }))));
            var responses = browsers.Select((b, i) => b.Authenticator.CreateCredential(options[i])).ToList();
            var answers = await Task.WhenAll(browsers.Select(async (b, i) =>
            {
                using var response = await b.On((i + 1) % RunningCluster.NodeCount + 1).SendJsonAsync(HttpMethod.Post, "/passkeys/register", responses[i]);
                return (Browser: b, Status: (int)response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));

            var summary = string.Join('\n', answers.Select(a => $"{a.Status} {a.Body}"));
            var winners = answers.Where(a => a.Status == (int)HttpStatusCode.OK).ToList();
            var losers = answers.Where(a => a.Status != (int)HttpStatusCode.OK).ToList();
            Assert.That(winners, Has.Count.EqualTo(1), summary);
            Assert.That(losers.Select(a => a.Status), Is.All.EqualTo(400), summary);
            Assert.That(losers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("code").GetString()), Is.All.EqualTo("user_exists"), summary);

            var winner = winners[0].Browser;
            var account = await AccountAsync(winner.On(1));
            Assert.That(account.GetProperty("userName").GetString(), Is.EqualTo(name));
            Assert.That(account.GetProperty("passkeyCount").GetInt32(), Is.EqualTo(1));
            using var passkeys = await winner.On(2).Client.GetAsync(new Uri("/passkeys/credentials", UriKind.Relative));
            Assert.That(JsonDocument.Parse(await passkeys.Content.ReadAsStringAsync()).RootElement.GetArrayLength(), Is.EqualTo(1), "the account lists one passkey");
            foreach (var loser in losers)
            {
                await ExpectSignedOutAsync(loser.Browser.On(3));
            }
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }
}
