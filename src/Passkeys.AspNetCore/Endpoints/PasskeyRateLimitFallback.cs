using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Applies <see cref="PasskeyRateLimiterPolicy"/> itself when the app did not call <c>UseRateLimiter()</c>, so
/// the passkey endpoints are never left without a limit. When the middleware did apply the policy, it passes.
/// </summary>
internal sealed class PasskeyRateLimitFallback : IEndpointFilter, IDisposable
{
    private readonly PasskeyRateLimiterPolicy _policy;
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    public PasskeyRateLimitFallback(PasskeyRateLimiterPolicy policy)
    {
        _policy = policy;
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(policy.Partition);
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (PasskeyRateLimiterPolicy.WasApplied(http))
        {
            return await next(context).ConfigureAwait(false);
        }

        using var lease = await _limiter.AcquireAsync(http, 1, http.RequestAborted).ConfigureAwait(false);
        return lease.IsAcquired
            ? await next(context).ConfigureAwait(false)
            : _policy.Reject(http, lease);
    }

    public void Dispose() => _limiter.Dispose();
}
