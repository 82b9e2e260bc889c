using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Builds the RFC 9457 problem details every endpoint answers an error with: a title, a status, a sentence
/// for developers, and the stable <c>code</c> member (plus <c>verified: false</c> from the verify endpoints).
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string detail, bool verifyEndpoint = false)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        if (verifyEndpoint)
        {
            extensions["verified"] = false;
        }

        var title = code == PasskeyHttpErrorCodes.ReauthenticationRequired ? "Confirm it is you." : Title(status);
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static ProblemHttpResult From(PasskeyError error, int status, bool verifyEndpoint = false)
        => Create(status, error.Code, error.Message, verifyEndpoint);

    public static ProblemHttpResult NotAuthenticated(bool verifyEndpoint = false)
        => Create(StatusCodes.Status401Unauthorized, PasskeyHttpErrorCodes.NotAuthenticated, "Sign in first.", verifyEndpoint);

    public static ProblemHttpResult ReauthenticationRequired(bool verifyEndpoint = false)
        => Create(StatusCodes.Status401Unauthorized, PasskeyHttpErrorCodes.ReauthenticationRequired,
            "This change needs a recent passkey: confirm it is you (POST reauthenticate/options, then POST reauthenticate) and send it again.", verifyEndpoint);

    public static ProblemHttpResult Malformed(string detail, bool verifyEndpoint = false)
        => Create(StatusCodes.Status400BadRequest, PasskeyHttpErrorCodes.MalformedRequest, detail, verifyEndpoint);

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid.",
        StatusCodes.Status401Unauthorized => "Not signed in.",
        StatusCodes.Status403Forbidden => "The request is refused.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status409Conflict => "The request conflicts with what is stored.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
        StatusCodes.Status429TooManyRequests => "Too many requests.",
        StatusCodes.Status503ServiceUnavailable => "The service is busy.",
        _ => "The request failed.",
    };
}
