using System.Diagnostics;
using System.Net;
using System.Text;
using Passkeys.Testing;

namespace Passkeys.LoadGenerator;

/// <summary>
/// One browser: its own connection and cookie jar, and software authenticators. A login is options, then
/// <see cref="SoftwareAuthenticator.GetAssertion"/>, then verify; its latency is the two HTTP exchanges only, so the
/// client's own signing is not counted.
/// </summary>
internal sealed class BrowserClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _origin;
    private readonly bool _deviceBound;
    private readonly List<SoftwareAuthenticator> _authenticators = [];
    private int _next;

    public BrowserClient(string origin, bool deviceBound)
    {
        _origin = origin;
        _deviceBound = deviceBound;
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _http = new HttpClient(handler) { BaseAddress = new Uri(origin), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string? LastError { get; private set; }

    public int AuthenticatorCount => _authenticators.Count;

    /// <summary>Adds an authenticator that already holds a credential (seeded in the database).</summary>
    public void Hold(SoftwareAuthenticator authenticator) => _authenticators.Add(authenticator);

    /// <summary>Signs up a new user through the HTTP contract with a new authenticator; returns the latency or null.</summary>
    public async Task<double?> RegisterAsync(string userName, bool keep)
    {
        var authenticator = _deviceBound
            ? new SoftwareAuthenticator { Origin = _origin, Counter = SoftwareCounter.Incrementing }
            : new SoftwareAuthenticator { Origin = _origin, Counter = SoftwareCounter.AlwaysZero, BackupEligible = true, BackedUp = true };
        var started = Stopwatch.GetTimestamp();
        var (ok, options) = await PostAsync("/passkeys/register/options", $$"""{"userName":"{{userName}}"}""").ConfigureAwait(false);
        var http = Stopwatch.GetElapsedTime(started);
        if (!ok)
        {
            return null;
        }

        var response = authenticator.CreateCredential(options);
        started = Stopwatch.GetTimestamp();
        (ok, _) = await PostAsync("/passkeys/register", response).ConfigureAwait(false);
        http += Stopwatch.GetElapsedTime(started);
        if (!ok)
        {
            return null;
        }

        if (keep)
        {
            _authenticators.Add(authenticator);
        }

        return http.TotalMilliseconds;
    }

    /// <summary>Signs in with the next held authenticator (discoverable, no user name); returns the latency or null.</summary>
    public async Task<double?> LoginAsync()
    {
        var authenticator = _authenticators[_next++ % _authenticators.Count];
        var started = Stopwatch.GetTimestamp();
        var (ok, options) = await PostAsync("/passkeys/login/options", "{}").ConfigureAwait(false);
        var http = Stopwatch.GetElapsedTime(started);
        if (!ok)
        {
            return null;
        }

        var response = authenticator.GetAssertion(options);
        started = Stopwatch.GetTimestamp();
        (ok, _) = await PostAsync("/passkeys/login", response).ConfigureAwait(false);
        http += Stopwatch.GetElapsedTime(started);
        return ok ? http.TotalMilliseconds : null;
    }

    /// <summary>Starts a login and never completes it (an abandoned ceremony).</summary>
    public async Task<double?> AbandonAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var (ok, _) = await PostAsync("/passkeys/login/options", "{}").ConfigureAwait(false);
        return ok ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
    }

    public void Dispose() => _http.Dispose();

    private async Task<(bool Ok, string Body)> PostAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", _origin);
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            LastError = $"{path}: {(int)response.StatusCode} {body}";
            return (false, body);
        }

        return (true, body);
    }
}
