using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;

namespace Passkeys.AspNetCore.Tests.Infrastructure;

/// <summary>
/// An HTTP client for the test server that keeps cookies (honouring Secure and Path) and records each
/// response's Set-Cookie headers.
/// </summary>
internal sealed class TestClient : IDisposable
{
    private readonly HttpClient _client;

    /// <summary>Creates a client of https://localhost, or of <paramref name="origin"/> (http://localhost, say).</summary>
    public TestClient(TestServer server, string origin = PasskeysTestHost.Origin)
    {
        BaseAddress = new Uri(origin);
        Origin = origin;
        _client = new HttpClient(new CookieHandler(this) { InnerHandler = server.CreateHandler() }) { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public CookieContainer Cookies { get; } = new();

    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    /// <summary>Gets or sets the Origin header sent with every request; null sends none.</summary>
    public string? Origin { get; set; }

    /// <summary>Gets or sets a value indicating whether requests carry the cookies kept so far (a flood's do not).</summary>
    public bool SendCookies { get; set; } = true;

    /// <summary>Gets headers sent with every request (a test client address, say).</summary>
    public Dictionary<string, string> Headers { get; } = [];

    public string? Cookie(string name) => Cookies.GetCookies(BaseAddress).FirstOrDefault(c => c.Name == name)?.Value;

    public string? SetCookie(string name) => LastSetCookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string contentType = "application/json")
        => SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue(contentType)));

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body)
        => PostJsonAsync(path, JsonSerializer.Serialize(body));

    public Task<HttpResponseMessage> PatchJsonAsync(string path, object body)
        => SendAsync(HttpMethod.Patch, path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (Origin is not null && method != HttpMethod.Get)
        {
            request.Headers.Add("Origin", Origin);
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.Add(name, value);
        }

        configure?.Invoke(request);
        return _client.SendAsync(request);
    }

    public void Dispose() => _client.Dispose();

    private sealed class CookieHandler(TestClient owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = owner.Cookies.GetCookieHeader(request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(owner.BaseAddress, request.RequestUri));
            if (!string.IsNullOrEmpty(header) && owner.SendCookies)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];
            foreach (var value in setCookies)
            {
                owner.Cookies.SetCookies(owner.BaseAddress, value);
            }

            owner.LastSetCookies = setCookies;
            return response;
        }
    }
}
