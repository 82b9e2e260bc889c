using System.Buffers.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Small steps the endpoints share: reporting failures to the app's events, turning text into a
/// credential id, writing options JSON as is.
/// </summary>
internal static class EndpointHelpers
{
    public static async Task<ProblemHttpResult> FailAsync(HttpContext context, PasskeyHttpOptions options, string operation, PasskeyError error, int status, bool verifyEndpoint, string? userId = null)
    {
        await options.Events.OnFailure(new PasskeyFailureContext(context, operation, error, userId)).ConfigureAwait(false);
        if (error.Code == PasskeyErrorCodes.TooManyCeremonies)
        {
            // The server is busy, not the request wrong: 503, and ceremonies in progress finish or expire soon.
            context.Response.Headers.RetryAfter = "30";
            status = StatusCodes.Status503ServiceUnavailable;
        }

        else if (error.Code == PasskeyErrorCodes.TooManyPasskeys)
        {
            status = StatusCodes.Status409Conflict;
        }

        return Problems.From(error, status, verifyEndpoint);
    }

    /// <summary>
    /// Reads the body of an options endpoint that takes no input: none, or a JSON object (its members are ignored).
    /// Returns the problem to answer, or <see langword="null"/>.
    /// </summary>
    public static async Task<ProblemHttpResult?> ReadEmptyObjectAsync(HttpContext context, PasskeyHttpOptions options)
    {
        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: true, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var document = JsonBody.ParseObject(text!);
        return document is null ? Problems.Malformed("The body must be a JSON object ({}).") : null;
    }

    /// <summary>
    /// Reads the body of an options endpoint whose only input is <c>hints</c> (<see cref="RequestHints"/>): none, or a
    /// JSON object (other members are ignored). Returns the problem to answer, or <see langword="null"/>.
    /// </summary>
    public static async Task<ProblemHttpResult?> ReadHintsAsync(HttpContext context, PasskeyHttpOptions options)
    {
        var (text, problem) = await JsonBody.ReadAsync(context, options.MaxRequestBodySize, allowEmpty: true, verifyEndpoint: false).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var document = JsonBody.ParseObject(text!);
        return document is null ? Problems.Malformed("The body must be a JSON object ({} or {hints}).") : RequestHints.Apply(context, document.RootElement);
    }

    /// <summary>
    /// Reads the body of an endpoint that takes no input and may be sent none (a <c>DELETE</c>): no body at all, or
    /// what <see cref="ReadEmptyObjectAsync"/> accepts (a body without a media type is 415, like any other).
    /// Returns the problem to answer, or <see langword="null"/>.
    /// </summary>
    public static async Task<ProblemHttpResult?> ReadNoneOrEmptyObjectAsync(HttpContext context, PasskeyHttpOptions options)
        => string.IsNullOrEmpty(context.Request.ContentType) && !await HasBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false)
            ? null
            : await ReadEmptyObjectAsync(context, options).ConfigureAwait(false);

    /// <summary>Options JSON from the engine is already standard WebAuthn JSON: it is written as is.</summary>
    public static ContentHttpResult Options(string optionsJson) => TypedResults.Text(optionsJson, "application/json");

    public static bool TryDecodeCredentialId(string? id, out byte[] credentialId)
    {
        credentialId = [];
        if (string.IsNullOrEmpty(id) || id.Length > 1400 || !Base64Url.IsValid(id))
        {
            return false;
        }

        credentialId = Base64Url.DecodeFromChars(id);
        return credentialId.Length is > 0 and <= PasskeysDefaults.MaxCredentialIdLength;
    }

    // A declared length answers; otherwise one byte is read (a body sent without a length, chunked).
    private static async Task<bool> HasBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            return length > 0;
        }

        var one = new byte[1];
        return await request.Body.ReadAsync(one, cancellationToken).ConfigureAwait(false) > 0;
    }
}
