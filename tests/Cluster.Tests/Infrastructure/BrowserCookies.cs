using System.Net;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// One browser's cookie jar in front of every node: the browser is at the balancer's origin, so whichever node a
/// request goes to, it carries the cookies the browser holds for that origin, and the cookies a node sets are kept
/// for that origin. It also notes which node answered each request through the balancer (<c>X-Cluster-Node</c>).
/// </summary>
internal sealed class BrowserCookies(CookieContainer jar, Uri origin, List<string> answeredBy) : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
{
    public const string NodeHeader = "X-Cluster-Node";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookies = jar.GetCookieHeader(origin);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                jar.SetCookies(origin, setCookie);
            }
        }

        if (response.Headers.TryGetValues(NodeHeader, out var nodes))
        {
            lock (answeredBy)
            {
                answeredBy.Add(nodes.Single());
            }
        }

        return response;
    }
}
