using System.Net;
using System.Text;
using Passkeys.Testing;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// One browser with a passkey provider at the cluster's origin (one cookie jar, one authenticator), which can send
/// each request to the node a test chooses (<see cref="On"/>) or through the balancer (<see cref="ViaBalancer"/>).
/// </summary>
public sealed class ClusterBrowser : IDisposable
{
    private static readonly HttpClient Bare = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    private readonly RunningCluster _cluster;
    private readonly CookieContainer _jar = new();
    private readonly List<string> _answeredBy = [];
    private readonly SiteBrowser[] _nodes;

    public ClusterBrowser(RunningCluster cluster, SoftwareAuthenticator? authenticator = null)
    {
        _cluster = cluster;
        Authenticator = authenticator ?? new SoftwareAuthenticator { Origin = cluster.Origin };
        _nodes = [.. Enumerable.Range(1, RunningCluster.NodeCount).Select(i => Browser(cluster.Node(i)))];
        ViaBalancer = Browser(new Uri(cluster.Origin));
    }

    public SoftwareAuthenticator Authenticator { get; }

    /// <summary>Gets this browser talking to the balancer, which picks the node.</summary>
    public SiteBrowser ViaBalancer { get; }

    /// <summary>Gets the nodes that answered this browser's requests through the balancer, in order.</summary>
    public IReadOnlyList<string> AnsweredBy
    {
        get
        {
            lock (_answeredBy)
            {
                return [.. _answeredBy];
            }
        }
    }

    /// <summary>Gets the <c>Cookie</c> header this browser sends now, to replay a request with exactly these cookies.</summary>
    public string Cookies => _jar.GetCookieHeader(new Uri(_cluster.Origin));

    /// <summary>Gets this browser talking to node <paramref name="node"/> (1 to <see cref="RunningCluster.NodeCount"/>) directly.</summary>
    public SiteBrowser On(int node) => _nodes[node - 1];

    /// <summary>
    /// Sends a POST of <paramref name="json"/> to <paramref name="node"/> with the <paramref name="cookies"/> given, as
    /// an attacker replaying a captured request would; what the node answers does not reach this browser's jar.
    /// </summary>
    public async Task<HttpResponseMessage> ReplayAsync(int node, string path, string json, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_cluster.Node(node), path));
        request.Headers.Add("Origin", _cluster.Origin);
        request.Headers.Add("Cookie", cookies);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Bare.SendAsync(request);
    }

    public void Dispose()
    {
        foreach (var browser in _nodes.Append(ViaBalancer))
        {
            browser.Dispose();
        }
    }

    private SiteBrowser Browser(Uri address)
        => new(new HttpClient(new BrowserCookies(_jar, new Uri(_cluster.Origin), _answeredBy)) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }, _cluster.Mailbox, _cluster.Origin, Authenticator);
}
