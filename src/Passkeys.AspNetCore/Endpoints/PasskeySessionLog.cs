using Microsoft.Extensions.Logging;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Log messages about sessions ended by their security stamp. They name users by id only, never the stamp.
/// </summary>
internal static partial class PasskeySessionLog
{
    [LoggerMessage(160, LogLevel.Information, "Signed out a session of user {UserId}: {Reason}.")]
    public static partial void SessionRejected(ILogger logger, string userId, string reason);

    [LoggerMessage(161, LogLevel.Information, "User {UserId} ended their other sessions.")]
    public static partial void OtherSessionsEnded(ILogger logger, string userId);
}
