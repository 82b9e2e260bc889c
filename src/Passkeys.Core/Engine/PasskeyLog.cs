using Microsoft.Extensions.Logging;

namespace Passkeys.Engine;

/// <summary>
/// Log messages of the engine. They name users by id only and never carry key material, challenges or tokens.
/// </summary>
internal static partial class PasskeyLog
{
    [LoggerMessage(1, LogLevel.Debug, "Issued {Kind} options for ceremony ending at {ExpiresAt}.")]
    public static partial void CeremonyStarted(ILogger logger, PasskeyCeremonyKind kind, DateTimeOffset expiresAt);

    [LoggerMessage(2, LogLevel.Information, "Created user {UserId} with a first passkey.")]
    public static partial void UserCreated(ILogger logger, string userId);

    [LoggerMessage(3, LogLevel.Information, "Added a passkey to user {UserId}.")]
    public static partial void CredentialAdded(ILogger logger, string userId);

    [LoggerMessage(4, LogLevel.Information, "User {UserId} signed in with a passkey.")]
    public static partial void SignedIn(ILogger logger, string userId);

    [LoggerMessage(5, LogLevel.Information, "{Kind} ceremony refused: {Code}.")]
    public static partial void CeremonyFailed(ILogger logger, PasskeyCeremonyKind kind, string code);

    [LoggerMessage(6, LogLevel.Warning, "The signature counter of a passkey of user {UserId} went backwards ({Stored} to {Reported}); the authenticator may be cloned.")]
    public static partial void CounterRegressed(ILogger logger, string userId, uint stored, uint reported);

    [LoggerMessage(7, LogLevel.Debug, "Fido2 could not read a response ({ExceptionType}).")]
    public static partial void ResponseUnreadable(ILogger logger, string exceptionType);

    [LoggerMessage(8, LogLevel.Warning, "The ceremony store is full; refused to start a {Kind} ceremony (those in progress are kept).")]
    public static partial void CeremonyStoreFull(ILogger logger, PasskeyCeremonyKind kind);

    [LoggerMessage(9, LogLevel.Information, "User {UserId} confirmed it is them with a passkey.")]
    public static partial void Reauthenticated(ILogger logger, string userId);

    [LoggerMessage(10, LogLevel.Warning, "The backup eligibility of a passkey of user {UserId} changed from {Stored} to {Reported}; accepted: {Accepted}.")]
    public static partial void BackupEligibilityChanged(ILogger logger, string userId, bool stored, bool reported, bool accepted);
}
