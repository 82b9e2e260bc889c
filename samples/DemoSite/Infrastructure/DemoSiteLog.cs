namespace DemoSite.Infrastructure;

/// <summary>The site's start-up messages: where it listens and where its data lives, for a newcomer's first run.</summary>
internal static partial class DemoSiteLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Database ready: {Database}")]
    public static partial void DatabaseReady(ILogger logger, string database);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Demo site ready: open {Address} in a browser (relying party id '{RelyingPartyId}')")]
    public static partial void SiteReady(ILogger logger, string address, string relyingPartyId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Passkeys will fail at {Address}: it is not one of Passkeys:Origins ({Origins}). Set Passkeys__Origins__0={Address}, and Passkeys__RelyingPartyId to its host name")]
    public static partial void OriginNotConfigured(ILogger logger, string address, string origins);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Emails are not sent: each one is written as an .eml file to {Directory}")]
    public static partial void EmailPickupDirectory(ILogger logger, string directory);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Wrote an email to {Directory}: open the newest .eml file there")]
    public static partial void EmailWritten(ILogger logger, string directory);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Names brought to the normalized form: {Rewritten} users rewritten, {NotRewritten} keep the old form (their name collides with another user's; they sign in with a passkey)")]
    public static partial void NamesRenormalized(ILogger logger, int rewritten, int notRewritten);
}
