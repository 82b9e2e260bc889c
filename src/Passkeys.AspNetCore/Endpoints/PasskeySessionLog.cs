using Microsoft.Extensions.Logging;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Log messages about sessions ended by their security stamp and about step-up (confirming with a passkey). They name users by id only, never the stamp.
/// </summary>
internal static partial class PasskeySessionLog
{
    [LoggerMessage(160, LogLevel.Information, "Signed out a session of user {UserId}: {Reason}.")]
    public static partial void SessionRejected(ILogger logger, string userId, string reason);

    [LoggerMessage(161, LogLevel.Information, "User {UserId} ended their other sessions.")]
    public static partial void OtherSessionsEnded(ILogger logger, string userId);

    [LoggerMessage(162, LogLevel.Information, "User {UserId} confirmed it is them with a passkey.")]
    public static partial void Reauthenticated(ILogger logger, string userId);

    [LoggerMessage(163, LogLevel.Information, "Refused {Action} of user {UserId}: no recent passkey ceremony.")]
    public static partial void ReauthenticationRequired(ILogger logger, string action, string userId);

    [LoggerMessage(164, LogLevel.Information, "User {UserId} ended all their sessions.")]
    public static partial void AllSessionsEnded(ILogger logger, string userId);

    [LoggerMessage(165, LogLevel.Information, "Refused a conditional create for user {UserId}: the session did not just sign in with an emailed link.")]
    public static partial void UpgradeNotOffered(ILogger logger, string userId);

    [LoggerMessage(166, LogLevel.Information, "Put off checking a session of user {UserId}: the passkey store cannot be reached.")]
    public static partial void SessionCheckPutOff(ILogger logger, string userId);
}
