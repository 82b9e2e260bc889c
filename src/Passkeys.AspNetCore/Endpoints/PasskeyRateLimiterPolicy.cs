using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// The rate limiter policy of the passkey endpoints: a fixed window per client (an IPv4 address, or an IPv6 prefix
/// as <see cref="ClientPartition"/> names it), refusing with a 429
/// problem that carries <see cref="PasskeyHttpErrorCodes.RateLimited"/>. ASP.NET Core's middleware applies it
/// when the app calls <c>UseRateLimiter()</c>; otherwise <see cref="PasskeyRateLimitFallback"/> does.
/// </summary>
internal sealed class PasskeyRateLimiterPolicy : IRateLimiterPolicy<string>
{
    private static readonly object AppliedKey = new();

    private readonly PasskeyHttpOptions _options;
    private readonly ILogger _logger;

    public PasskeyRateLimiterPolicy(IOptions<PasskeyHttpOptions> options, ILogger<PasskeyRateLimiterPolicy> logger)
    {
        _options = options.Value;
        _logger = logger;
        OnRejected = RejectAsync;
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        // Only the rate limiter middleware asks the policy; the mark tells the fallback it need not count again.
        httpContext.Items[AppliedKey] = true;
        return Partition(httpContext);
    }

    public static bool WasApplied(HttpContext httpContext) => httpContext.Items.ContainsKey(AppliedKey);

    public RateLimitPartition<string> Partition(HttpContext httpContext)
        => RateLimitPartition.GetFixedWindowLimiter(
            ClientPartition.For(httpContext.Connection.RemoteIpAddress, _options.RateLimitIPv6PrefixLength),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = _options.RateLimitPermitLimit,
                Window = _options.RateLimitWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    public IResult Reject(HttpContext http, RateLimitLease lease)
    {
        PasskeyHttpLog.RateLimited(_logger, http.Request.Path);
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var verifyEndpoint = http.GetEndpoint()?.Metadata.GetMetadata<VerifyEndpointMetadata>() is not null;
        return Problems.Create(StatusCodes.Status429TooManyRequests, PasskeyHttpErrorCodes.RateLimited,
            "Too many requests from this address. Try again in a minute.", verifyEndpoint);
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
        => await Reject(context.HttpContext, context.Lease).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
}
