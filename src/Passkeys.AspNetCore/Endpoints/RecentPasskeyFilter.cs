using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// The filter of <c>RequireRecentPasskey()</c>: 401 <c>not_authenticated</c> without a current session (its security
/// stamp checked against the store), 401 <c>reauthentication_required</c> without a passkey ceremony within the
/// window; otherwise the endpoint runs.
/// </summary>
internal sealed class RecentPasskeyFilter : IEndpointFilter
{
    private readonly TimeSpan? _window;

    public RecentPasskeyFilter(TimeSpan? window) => _window = window;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<PasskeySignIn>().GetUserAsync(http).ConfigureAwait(false) is not { } user)
        {
            return Problems.NotAuthenticated();
        }

        var action = http.GetEndpoint()?.DisplayName ?? "endpoint";
        var refusal = await http.RequestServices.GetRequiredService<PasskeyStepUp>().RequireRecentAsync(http, user, action, _window).ConfigureAwait(false);
        return refusal ?? await next(context).ConfigureAwait(false);
    }
}
