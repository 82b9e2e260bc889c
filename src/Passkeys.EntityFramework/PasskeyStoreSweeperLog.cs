using Microsoft.Extensions.Logging;

namespace Passkeys.EntityFramework;

/// <summary>
/// Log messages of the sweeper.
/// </summary>
internal static partial class PasskeyStoreSweeperLog
{
    [LoggerMessage(101, LogLevel.Debug, "Swept {Ceremonies} expired ceremonies and {LoginTokens} expired login tokens.")]
    public static partial void Swept(ILogger logger, int ceremonies, int loginTokens);

    [LoggerMessage(102, LogLevel.Error, "Sweeping expired ceremonies and login tokens failed; the sweeper tries again at the next interval.")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
