using Microsoft.Extensions.Logging;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Log messages of sign-in by email. They name users by id only, never an address, a token or a link (except the
/// explicit Development-only <see cref="PasskeyEmailLoginOptions.LogLinksInDevelopment"/>), and failures by their
/// exception types and SMTP reply code only (<see cref="SendFailure"/>).
/// </summary>
internal static partial class PasskeyEmailLog
{
    [LoggerMessage(201, LogLevel.Information, "Sent a sign-in link to user {UserId}.")]
    public static partial void LinkSent(ILogger logger, string userId);

    [LoggerMessage(202, LogLevel.Debug, "A sign-in link was asked for an address or user name without an account (or without an email address); nothing was sent.")]
    public static partial void NoAccount(ILogger logger);

    [LoggerMessage(203, LogLevel.Information, "Refused a sign-in link request: the {Limit} limit is reached.")]
    public static partial void RateLimited(ILogger logger, string limit);

    // The exception is not passed on: its message (and the SMTP reply it quotes) can carry the recipient's address.
    [LoggerMessage(204, LogLevel.Error, "Sending an email to user {UserId} failed ({ExceptionType}, SMTP status {SmtpStatus}); it is dropped.")]
    public static partial void SendFailed(ILogger logger, string userId, string exceptionType, string smtpStatus);

    [LoggerMessage(205, LogLevel.Warning, "Development only (Email:LogLinksInDevelopment): the sign-in link for user {UserId} is {Link}")]
    public static partial void DevelopmentLink(ILogger logger, string userId, string link);

    [LoggerMessage(206, LogLevel.Information, "Sent user {UserId} a notice that a passkey was added.")]
    public static partial void NoticeSent(ILogger logger, string userId);

    [LoggerMessage(207, LogLevel.Warning, "The email queue is full ({Capacity} items); refused a sign-in link request.")]
    public static partial void QueueFull(ILogger logger, int capacity);

    [LoggerMessage(208, LogLevel.Information, "Refused an emailed sign-in link: {Code}.")]
    public static partial void LinkRefused(ILogger logger, string code);

    [LoggerMessage(209, LogLevel.Warning, "Email:LogLinksInDevelopment is on, but the environment is {Environment}; sign-in links are not logged.")]
    public static partial void LinkLoggingIgnored(ILogger logger, string environment);

    // As above: a store's exception for an address lookup could quote the address.
    [LoggerMessage(210, LogLevel.Error, "Handling a queued email failed ({ExceptionType}); it is dropped.")]
    public static partial void WorkFailed(ILogger logger, string exceptionType);

    [LoggerMessage(211, LogLevel.Debug, "Removed {Count} expired sign-in links.")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(212, LogLevel.Warning, "The email queue is full: dropped the newest queued {Kind} of the client (or account) with the most waiting, to make room for one with fewer.")]
    public static partial void QueueDropped(ILogger logger, string kind);

    [LoggerMessage(213, LogLevel.Information, "Refused a sign-in link request: the client already has {Count} waiting in the email queue.")]
    public static partial void ClientShareFull(ILogger logger, int count);

    [LoggerMessage(214, LogLevel.Information, "Skipped a notice that a passkey was added: {Reason}.")]
    public static partial void NoticeSkipped(ILogger logger, string reason);

    [LoggerMessage(215, LogLevel.Information, "Sent user {UserId} a link to verify the address they gave.")]
    public static partial void VerificationSent(ILogger logger, string userId);

    [LoggerMessage(216, LogLevel.Debug, "A verification link was not sent: the account no longer waits to verify that address, or another account verified it.")]
    public static partial void VerificationStale(ILogger logger);

    [LoggerMessage(217, LogLevel.Information, "User {UserId} verified their email address.")]
    public static partial void AddressVerified(ILogger logger, string userId);

    [LoggerMessage(218, LogLevel.Information, "Refused an email verification link: {Code}.")]
    public static partial void VerificationRefused(ILogger logger, string code);

    [LoggerMessage(219, LogLevel.Warning, "Handling a queued {Kind} for user {UserId} failed ({ExceptionType}, SMTP status {SmtpStatus}) on try {Attempt}; it is tried again in {Delay}.")]
    public static partial void OutboxRetry(ILogger logger, string kind, string userId, string exceptionType, string smtpStatus, int attempt, TimeSpan delay);

    [LoggerMessage(220, LogLevel.Error, "Handling a queued {Kind} for user {UserId} failed ({ExceptionType}, SMTP status {SmtpStatus}) on the last try.")]
    public static partial void OutboxFailed(ILogger logger, string kind, string userId, string exceptionType, string smtpStatus);

    [LoggerMessage(221, LogLevel.Error, "Gave up a queued {Kind} after {Attempts} tries; it is dropped from the email outbox.")]
    public static partial void OutboxGaveUp(ILogger logger, string kind, int attempts);

    [LoggerMessage(222, LogLevel.Warning, "The email outbox could not be read or written ({ExceptionType}); queued emails wait in it and are tried again.")]
    public static partial void OutboxUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(223, LogLevel.Warning, "Held a queued email longer than Email:Outbox:Lease; another node took it over and may send it again.")]
    public static partial void OutboxClaimLost(ILogger logger);

    [LoggerMessage(224, LogLevel.Warning, "A notice could not be queued in the email outbox ({ExceptionType}); it is skipped.")]
    public static partial void NoticeNotQueued(ILogger logger, string exceptionType);
}
