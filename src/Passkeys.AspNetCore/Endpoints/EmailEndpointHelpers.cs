using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>What the endpoints of emailed links share: the token body, the 429 of the email limits, no caching.</summary>
internal static class EmailEndpointHelpers
{
    /// <summary>Reads <c>{token}</c>, the string from the link; a problem when the body is anything else.</summary>
    public static async Task<(string? Token, ProblemHttpResult? Problem)> ReadTokenAsync(HttpContext context, PasskeyHttpOptions options, bool verifyEndpoint)
    {
        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: false, verifyEndpoint).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        using var document = JsonBody.ParseObject(text!);
        if (document is null || !JsonBody.TryGetOptionalString(document.RootElement, "token", out var token) || string.IsNullOrEmpty(token))
        {
            return (null, Problems.Malformed("The body must be a JSON object {token} whose token is the string from the link.", verifyEndpoint));
        }

        return (token, null);
    }

    /// <summary>A 429 <c>email_rate_limited</c> with its Retry-After.</summary>
    public static ProblemHttpResult TooMany(HttpContext context, TimeSpan retryAfter, string detail)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        return Problems.Create(StatusCodes.Status429TooManyRequests, PasskeyHttpErrorCodes.EmailRateLimited, detail);
    }

    /// <summary>Keeps a response that names a link's user out of caches and out of the next page's Referer.</summary>
    public static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
