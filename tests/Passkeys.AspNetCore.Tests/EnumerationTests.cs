using System.Buffers.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// Over HTTP, a sign-in's failure must read the same, byte for byte apart from the trace id, whether the name has
/// an account or not: for another person's passkey, and for a made-up response for each listed id.
/// </summary>
public partial class EnumerationTests
{
    private PasskeysTestHost _host = null!;
    private PasskeyBrowser _oscar = null!;
    private PasskeyBrowser _nina = null!;
    private PasskeyBrowser _walt = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = await PasskeysTestHost.StartAsync();
        _nina = new PasskeyBrowser(_host);
        (await _nina.SignUpAsync("nina", email: "nina@example.com")).Dispose();
        _walt = new PasskeyBrowser(_host);
        _walt.Authenticator.Algorithm = SoftwareKeyAlgorithm.RS256;
        (await _walt.SignUpAsync("walt")).Dispose();
        _oscar = new PasskeyBrowser(_host);
        (await _oscar.SignUpAsync("oscar")).Dispose();
        var carol = await _host.SeedUserAsync("carol");
        var credential = (await _host.Credentials.ListByUserAsync(carol.Id, CancellationToken.None))[0];
        await _host.Credentials.DeleteAsync(carol.Id, credential.CredentialId, allowLast: true, CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        _nina.Dispose();
        _walt.Dispose();
        _oscar.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Another_persons_passkey_gets_one_answer_for_real_names_unknown_names_and_users_without_passkeys()
    {
        string[] names = ["nina", "NINA", "nina@example.com", "walt", "carol", "nobody", "ghost@example.org", "x"];
        var answers = new Dictionary<string, string>();
        foreach (var name in names)
        {
            using var response = await _oscar.LoginAsync(name, credentialId: _oscar.Authenticator.Credentials[0].Id);
            answers[name] = await AnswerAsync(response);
        }

        Assert.That(answers.Values.Distinct().ToList(), Has.Count.EqualTo(1), string.Join("\n\n", answers.Select(a => $"{a.Key}:\n{a.Value}")));
        Assert.That(answers["nina"], Does.StartWith("401\n").And.Contain("\"code\":\"unknown_credential\""));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_made_up_response_for_a_listed_id_gets_one_answer_for_a_real_passkey_and_a_decoy(bool withUserHandle)
    {
        _oscar.Authenticator.ReturnUserHandle = withUserHandle;
        var compared = 0;
        for (var i = 0; i < 12; i++)
        {
            // The decoy of each unknown name against the real passkey its shape claims to be (Windows Hello: RSA).
            var (decoy, decoyIdLength) = await ForgeAsync($"ghost{i}");
            var (real, _) = await ForgeAsync(decoyIdLength == 32 ? "walt" : "nina");
            Assert.That(decoy, Is.EqualTo(real), $"ghost{i}");
            compared++;
        }

        Assert.That(compared, Is.EqualTo(12));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task An_id_listed_for_a_name_gets_one_answer_in_a_discoverable_sign_in_for_a_real_passkey_and_a_decoy(bool withUserHandle)
    {
        // The ids come from options for a name; the made-up response goes to a discoverable ceremony, where any id
        // is allowed, so it is judged by the store alone.
        _oscar.Authenticator.ReturnUserHandle = withUserHandle;
        var answers = new Dictionary<string, string>();
        foreach (var name in new[] { "nina", "nina@example.com", "walt", "ghost1", "ghost2@example.org", "ghost3" })
        {
            using var named = await _oscar.Client.PostJsonAsync("/passkeys/login/options", new { userName = name });
            var listed = (string)JsonNode.Parse(await named.Content.ReadAsStringAsync())!["allowCredentials"]![0]!["id"]!;
            var tampering = new SoftwareTampering
            {
                Response = r =>
                {
                    r["id"] = listed;
                    r["rawId"] = listed;
                },
            };
            using var response = await _oscar.LoginAsync(tampering: tampering, credentialId: _oscar.Authenticator.Credentials[0].Id);
            answers[name] = await AnswerAsync(response);
        }

        Assert.That(answers.Values.Distinct().ToList(), Has.Count.EqualTo(1), string.Join("\n\n", answers.Select(a => $"{a.Key}:\n{a.Value}")));
        // With a user handle the answer is the definite one (credential_not_registered), alike for both.
        var code = withUserHandle ? "credential_not_registered" : "unknown_credential";
        Assert.That(answers["nina"], Does.StartWith("401\n").And.Contain($"\"code\":\"{code}\""));
    }

    // Oscar signs with his own passkey and names the first listed id: a response for a passkey he does not hold.
    private async Task<(string Answer, int IdLength)> ForgeAsync(string userName)
    {
        var idLength = 0;
        var tampering = new SoftwareTampering
        {
            Response = r =>
            {
                var listed = (string)JsonNode.Parse(_oscar.LastOptions!)!["allowCredentials"]![0]!["id"]!;
                idLength = Base64Url.DecodeFromChars(listed).Length;
                r["id"] = listed;
                r["rawId"] = listed;
            },
        };
        using var response = await _oscar.LoginAsync(userName, tampering: tampering, credentialId: _oscar.Authenticator.Credentials[0].Id);
        return (await AnswerAsync(response), idLength);
    }

    // Status, headers (but Date) and body, with the trace id (random per request) taken out.
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}");
        var body = TraceId().Replace(await response.Content.ReadAsStringAsync(), string.Empty);
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{body}";
    }

    [GeneratedRegex(",?\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
