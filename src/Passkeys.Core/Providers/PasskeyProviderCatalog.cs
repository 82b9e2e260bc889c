using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Passkeys.Providers;

/// <summary>
/// The default <see cref="IPasskeyProviderCatalog"/>: the embedded community list (unless switched off) with the
/// configured providers over it, read on first use, once.
/// </summary>
internal sealed class PasskeyProviderCatalog : IPasskeyProviderCatalog
{
    private readonly Lazy<FrozenDictionary<Guid, PasskeyProvider>> _providers;

    public PasskeyProviderCatalog(IOptions<PasskeyProviderOptions> options, ILogger<PasskeyProviderCatalog> logger)
        : this(options.Value, logger, CommunityProviderList.OpenEmbedded)
    {
    }

    internal PasskeyProviderCatalog(PasskeyProviderOptions options, ILogger logger, Func<Stream?> openList)
        => _providers = new(() => Build(options, logger, openList), LazyThreadSafetyMode.ExecutionAndPublication);

    public PasskeyProvider? Find(Guid aaguid)
        => aaguid == Guid.Empty ? null : _providers.Value.GetValueOrDefault(aaguid);

    private static FrozenDictionary<Guid, PasskeyProvider> Build(PasskeyProviderOptions options, ILogger logger, Func<Stream?> openList)
    {
        var providers = new Dictionary<Guid, PasskeyProvider>();
        if (options.UseCommunityProviderList)
        {
            var list = ReadList(openList);
            if (list.Problem is not null)
            {
                ProviderLog.ListEmpty(logger, list.Problem);
            }
            else if (list.Skipped > 0)
            {
                ProviderLog.EntriesSkipped(logger, list.Skipped);
            }

            foreach (var (aaguid, provider) in list.Providers)
            {
                providers[aaguid] = provider;
            }
        }

        // Validated at start-up (PasskeyProviderOptionsValidator); checked again so that a catalogue built without
        // the validator still names nothing it should not.
        var configured = 0;
        foreach (var (key, provider) in options.Providers ?? new Dictionary<string, PasskeyProvider>())
        {
            if (provider is null || !ProviderEntryRules.TryReadAaguid(key, out var aaguid) || ProviderEntryRules.NameProblem(provider.Name) is not null)
            {
                continue;
            }

            var listed = providers.GetValueOrDefault(aaguid);
            providers[aaguid] = new PasskeyProvider
            {
                Name = provider.Name,
                IconLight = Icon(provider.IconLight, listed?.IconLight),
                IconDark = Icon(provider.IconDark, listed?.IconDark),
            };
            configured++;
        }

        var (commit, date) = options.UseCommunityProviderList ? CommunityProviderList.ReadSource() : (null, null);
        ProviderLog.Loaded(logger, providers.Count, date, commit, configured);
        return providers.ToFrozenDictionary();
    }

    private static CommunityProviderListContent ReadList(Func<Stream?> openList)
    {
        try
        {
            using var stream = openList();
            return CommunityProviderList.Read(stream);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            return CommunityProviderListContent.Empty("it could not be read: " + e.GetType().Name);
        }
    }

    // Configured icons take the list's place; left out, the list's stays; empty, there is none.
    private static string? Icon(string? configured, string? listed)
        => configured is null ? listed
            : configured.Length == 0 || ProviderEntryRules.IconProblem(configured) is not null ? null
            : configured;
}
