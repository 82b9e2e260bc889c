using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Names the request's client in <see cref="PasskeyClientContext"/> (an IPv4 address, or an IPv6 prefix of
/// <see cref="PasskeyHttpOptions.CeremonyShareIPv6PrefixLength"/> bits), so that a bounded ceremony store shares its
/// room between clients and a flood fills only its own share; and names the origin its ceremonies start from: the
/// request's <c>Origin</c> header, which <see cref="PasskeyRequestGuard"/> has already checked against the configured
/// origins. A ceremony then completes only with a response from that origin.
/// </summary>
/// <remarks>
/// A request without an <c>Origin</c> header (browsers send one with every POST, so: a native app, a server) binds
/// its ceremonies to no origin, and any configured origin is accepted: the request's own scheme and host would be
/// wrong for an app (its responses carry <c>android:apk-key-hash:…</c>) and, behind a proxy, for the site itself.
/// </remarks>
internal sealed class PasskeyClientFilter(IOptions<PasskeyHttpOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var client = http.RequestServices.GetRequiredService<PasskeyClientContext>();
        client.Partition = ClientPartition.For(http.Connection.RemoteIpAddress, options.Value.CeremonyShareIPv6PrefixLength);
        client.Origin = http.Request.Headers.Origin.Count == 1 ? http.Request.Headers.Origin.ToString() : null;
        return next(context);
    }
}
