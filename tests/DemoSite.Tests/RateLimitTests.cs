using System.Net;
using System.Text.Json.Nodes;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

public class RateLimitTests
{
    [Test]
    public async Task Passkey_endpoints_are_rate_limited_with_a_problem_that_names_the_code()
    {
        using var site = new DemoSiteFactory(new Dictionary<string, string?> { ["Passkeys:RateLimitPermitLimit"] = "3" });
        using var browser = site.CreateBrowser();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/login/options", "{}");
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var refused = await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/login/options", "{}");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("rate_limited"));
    }

    [Test]
    public async Task Pages_are_not_counted_against_the_passkey_limit()
    {
        using var site = new DemoSiteFactory(new Dictionary<string, string?> { ["Passkeys:RateLimitPermitLimit"] = "2" });
        using var browser = site.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await browser.GetPageAsync("/login");
        }

        using var options = await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/login/options", "{}");

        Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
