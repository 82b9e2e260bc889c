using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Refuses state-changing requests from other sites before the endpoint runs: a <c>Sec-Fetch-Site: cross-site</c>
/// header, an <c>Origin</c> header that is not one of <see cref="PasskeyOptions.Origins"/> or
/// <see cref="PasskeyOptions.RelatedOrigins"/> (the same app serving a related site's host name), or a body that is
/// not <c>application/json</c> (HTML forms can post only form data and text).
/// </summary>
internal sealed class PasskeyRequestGuard : IEndpointFilter
{
    private readonly HashSet<string> _origins;
    private readonly ILogger _logger;

    public PasskeyRequestGuard(IOptions<PasskeyOptions> options, ILogger<PasskeyRequestGuard> logger)
    {
        _origins = new HashSet<string>(options.Value.Origins.Concat(options.Value.RelatedOrigins).Select(Normalize).OfType<string>(), StringComparer.Ordinal);
        _logger = logger;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return await next(context).ConfigureAwait(false);
        }

        var verifyEndpoint = http.GetEndpoint()?.Metadata.GetMetadata<VerifyEndpointMetadata>() is not null;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase)
            || (request.Headers.Origin.Count > 0 && !IsAllowedOrigin(origin)))
        {
            PasskeyHttpLog.CrossSiteRefused(_logger, request.Method, request.Path);
            return Problems.Create(StatusCodes.Status403Forbidden, PasskeyHttpErrorCodes.CrossSiteRequest,
                "Requests from other sites are refused.", verifyEndpoint);
        }

        if (!string.IsNullOrEmpty(request.ContentType) && !JsonBody.IsJson(request.ContentType))
        {
            PasskeyHttpLog.RequestRefused(_logger, request.Method, request.Path, PasskeyHttpErrorCodes.UnsupportedMediaType);
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, PasskeyHttpErrorCodes.UnsupportedMediaType,
                "Send the body as application/json.", verifyEndpoint);
        }

        return await next(context).ConfigureAwait(false);
    }

    private bool IsAllowedOrigin(string origin)
        => origin.Length is > 0 and < 512 && Normalize(origin) is { } normalized && _origins.Contains(normalized);

    private static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.PathAndQuery is not ("/" or "") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        return uri.IsDefaultPort
            ? $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}"
            : $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port}";
    }
}
