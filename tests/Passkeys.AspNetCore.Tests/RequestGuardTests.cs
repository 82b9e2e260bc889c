using System.Net.Http.Headers;
using System.Text;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests;

public class RequestGuardTests
{
    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [TestCase("https://evil.example")]
    [TestCase("http://localhost")]
    [TestCase("https://localhost:8443")]
    [TestCase("https://sub.localhost")]
    [TestCase("null")]
    [TestCase("https://localhost.evil.example")]
    public async Task Foreign_origin_is_refused_on_every_state_changing_endpoint(string origin)
    {
        using var client = _host.CreateClient();
        client.Origin = origin;
        foreach (var (method, path) in StateChangingEndpoints)
        {
            using var response = await client.SendAsync(method, path, Json("{}"));
            await response.ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
            Assert.That(response.Headers.Contains("Set-Cookie"), Is.False, $"{method} {path} set a cookie");
        }
    }

    [Test]
    public async Task Sec_fetch_site_cross_site_is_refused_even_without_origin()
    {
        using var client = _host.CreateClient();
        client.Origin = null;
        using var response = await client.SendAsync(HttpMethod.Post, "/passkeys/login/options", Json("{}"),
            r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        await response.ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
    }

    [Test]
    public async Task Same_origin_and_no_origin_are_accepted()
    {
        using var client = _host.CreateClient();
        using (var response = await client.SendAsync(HttpMethod.Post, "/passkeys/login/options", Json("{}"),
            r => r.Headers.Add("Sec-Fetch-Site", "same-origin")))
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
        }

        client.Origin = null;
        using var second = await client.PostJsonAsync("/passkeys/login/options", "{}");
        Assert.That((int)second.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Verify_endpoints_add_verified_false_to_refusals()
    {
        using var client = _host.CreateClient();
        client.Origin = "https://evil.example";
        using var response = await client.PostJsonAsync("/passkeys/login", "{}");
        var problem = await response.ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
        Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data")]
    [TestCase("application/json; charset=latin1")]
    [TestCase("application/jsonp")]
    public async Task Non_json_bodies_are_refused(string contentType)
    {
        using var client = _host.CreateClient();
        foreach (var (method, path) in StateChangingEndpoints)
        {
            var content = new StringContent("{\"userName\":\"alice\"}", Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await client.SendAsync(method, path, content);
            await response.ReadProblemAsync(415, PasskeyHttpErrorCodes.UnsupportedMediaType);
        }
    }

    [Test]
    public async Task Body_endpoints_refuse_a_missing_content_type()
    {
        using var client = _host.CreateClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"userName\":\"alice\"}"));
        using var response = await client.SendAsync(HttpMethod.Post, "/passkeys/register/options", content);
        await response.ReadProblemAsync(415, PasskeyHttpErrorCodes.UnsupportedMediaType);
    }

    [TestCase("/passkeys/register/options")]
    [TestCase("/passkeys/register")]
    [TestCase("/passkeys/login/options")]
    [TestCase("/passkeys/login")]
    public async Task Bodies_over_64_KiB_are_refused_with_413(string path)
    {
        using var client = _host.CreateClient();
        var huge = "{\"userName\":\"" + new string('a', 70 * 1024) + "\"}";
        using var response = await client.PostJsonAsync(path, huge);
        await response.ReadProblemAsync(413, PasskeyHttpErrorCodes.RequestTooLarge);
        Assert.That(await _host.CountAsync("a"), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Chunked_body_without_length_over_the_limit_is_refused_with_413()
    {
        using var client = _host.CreateClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"userName\":\"" + new string('b', 100 * 1024) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.SendAsync(HttpMethod.Post, "/passkeys/login/options", content,
            r => r.Headers.TransferEncodingChunked = true);
        await response.ReadProblemAsync(413, PasskeyHttpErrorCodes.RequestTooLarge);
    }

    [TestCase(true, TestName = "Rate_limit_answers_429_problem_details_through_the_middleware")]
    [TestCase(false, TestName = "Rate_limit_answers_429_problem_details_when_the_app_forgot_UseRateLimiter")]
    public async Task Rate_limit_answers_429_problem_details(bool useRateLimiter)
    {
        // Exactly three pass in both cases: the limit is applied once, never twice, never zero times.
        await using var host = await PasskeysTestHost.StartAsync(o => o.RateLimitPermitLimit = 3, useRateLimiter: useRateLimiter);
        using var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostJsonAsync("/passkeys/login/options", "{}");
            Assert.That((int)ok.StatusCode, Is.EqualTo(200));
        }

        using var limited = await client.PostJsonAsync("/passkeys/login/options", "{}");
        await limited.ReadProblemAsync(429, PasskeyHttpErrorCodes.RateLimited);
        using var verify = await client.PostJsonAsync("/passkeys/login", "{}");
        var problem = await verify.ReadProblemAsync(429, PasskeyHttpErrorCodes.RateLimited);
        Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
    }

    internal static readonly (HttpMethod Method, string Path)[] StateChangingEndpoints =
    [
        (HttpMethod.Post, "/passkeys/register/options"),
        (HttpMethod.Post, "/passkeys/register"),
        (HttpMethod.Post, "/passkeys/login/options"),
        (HttpMethod.Post, "/passkeys/login"),
        (HttpMethod.Post, "/passkeys/credentials/options"),
        (HttpMethod.Post, "/passkeys/credentials"),
        (HttpMethod.Patch, "/passkeys/credentials/AAAA"),
        (HttpMethod.Delete, "/passkeys/credentials/AAAA"),
        (HttpMethod.Post, "/passkeys/logout"),
        (HttpMethod.Delete, "/passkeys/remembered"),
        (HttpMethod.Delete, "/passkeys/account"),
    ];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
