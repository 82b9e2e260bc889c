using Microsoft.Extensions.Logging;

namespace Passkeys.Providers;

/// <summary>Log messages of the provider catalogue; each is written once, when the catalogue is first used.</summary>
internal static partial class ProviderLog
{
    [LoggerMessage(20, LogLevel.Warning, "The community list of passkey providers knows no provider ({Reason}); every passkey without a configured provider reads \"Passkey\". If the list was retired, set Passkeys:UseCommunityProviderList to false and name the providers you need under Passkeys:Providers.")]
    public static partial void ListEmpty(ILogger logger, string reason);

    [LoggerMessage(21, LogLevel.Warning, "The community list of passkey providers had {Skipped} entries or icons that break the rules for names and icons; they were left out.")]
    public static partial void EntriesSkipped(ILogger logger, int skipped);

    [LoggerMessage(22, LogLevel.Debug, "Named {Count} passkey providers: the community list of {Date} (commit {Commit}) and {Configured} configured.")]
    public static partial void Loaded(ILogger logger, int count, string? date, string? commit, int configured);
}
