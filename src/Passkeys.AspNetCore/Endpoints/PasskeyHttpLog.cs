using Microsoft.Extensions.Logging;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Log messages of the endpoints. They name users by id only and never carry credentials, challenges or cookies.
/// </summary>
internal static partial class PasskeyHttpLog
{
    [LoggerMessage(101, LogLevel.Information, "Refused a cross-site {Method} request to {Path}.")]
    public static partial void CrossSiteRefused(ILogger logger, string method, string path);

    [LoggerMessage(102, LogLevel.Information, "Refused a {Method} request to {Path}: {Code}.")]
    public static partial void RequestRefused(ILogger logger, string method, string path, string code);

    [LoggerMessage(103, LogLevel.Warning, "Rate limit reached for the passkey endpoints ({Path}).")]
    public static partial void RateLimited(ILogger logger, string path);

    [LoggerMessage(104, LogLevel.Information, "Signed in user {UserId} to scheme {Scheme}.")]
    public static partial void SignedIn(ILogger logger, string userId, string scheme);

    [LoggerMessage(105, LogLevel.Information, "User {UserId} deleted a passkey.")]
    public static partial void CredentialDeleted(ILogger logger, string userId);

    [LoggerMessage(106, LogLevel.Debug, "Ignored a remembered-user cookie that could not be read or has expired.")]
    public static partial void RememberedCookieIgnored(ILogger logger);

    [LoggerMessage(107, LogLevel.Information, "User {UserId} deleted their account and its {Count} passkeys.")]
    public static partial void AccountDeleted(ILogger logger, string userId, int count);

    [LoggerMessage(108, LogLevel.Warning, "The passkey store could not be reached ({Cause}); answered a {Method} request to {Path} with 503.")]
    public static partial void StoreUnavailable(ILogger logger, string method, string path, string cause);
}
