using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Answers every passkey endpoint whose store cannot reach its database (<see cref="PasskeyStoreUnavailableException"/>)
/// with 503 <c>store_unavailable</c> and a <c>Retry-After</c> of <see cref="PasskeyHttpOptions.StoreUnavailableRetryAfter"/>,
/// instead of a 500: the request was fine, and the same request is likely to succeed shortly.
/// </summary>
/// <remarks>
/// The stores leave nothing half-written when they throw it, and the cookies the endpoint set before it failed are
/// taken back, so the client may simply send the same request again. The problem details say nothing of the
/// database: its failure is logged, by type only.
/// </remarks>
internal sealed class PasskeyStoreUnavailableFilter(IOptions<PasskeyHttpOptions> options, ILogger<PasskeyStoreUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var cookies = http.Response.Headers.SetCookie;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (PasskeyStoreUnavailableException e)
        {
            // Nothing changed on the server, so nothing changes in the browser either: a ceremony cookie the endpoint
            // deleted before the store failed still names the ceremony, and the same request can be sent again.
            http.Response.Headers.SetCookie = cookies;
            PasskeyHttpLog.StoreUnavailable(logger, http.Request.Method, http.Request.Path, (e.InnerException ?? e).GetType().Name);
            var retryAfter = (int)Math.Ceiling(options.Value.StoreUnavailableRetryAfter.TotalSeconds);
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            var verifyEndpoint = http.GetEndpoint()?.Metadata.GetMetadata<VerifyEndpointMetadata>() is not null;
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, PasskeyHttpErrorCodes.StoreUnavailable,
                "The passkey store cannot be reached right now; nothing was changed. Send the request again after Retry-After seconds.", verifyEndpoint);
        }
    }
}
