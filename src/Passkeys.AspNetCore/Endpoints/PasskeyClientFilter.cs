using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Names the request's client in <see cref="PasskeyClientContext"/> (an IPv4 address, or an IPv6 prefix of
/// <see cref="PasskeyHttpOptions.CeremonyShareIPv6PrefixLength"/> bits), so that a bounded ceremony store shares its
/// room between clients and a flood fills only its own share.
/// </summary>
internal sealed class PasskeyClientFilter(IOptions<PasskeyHttpOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<PasskeyClientContext>().Partition =
            ClientPartition.For(http.Connection.RemoteIpAddress, options.Value.CeremonyShareIPv6PrefixLength);
        return next(context);
    }
}
