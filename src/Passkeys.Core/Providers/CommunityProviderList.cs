using System.Text.Json;

namespace Passkeys.Providers;

/// <summary>
/// Reads the community list of passkey provider AAGUIDs
/// (<see href="https://github.com/passkeydeveloper/passkey-authenticator-aaguids">passkeydeveloper/passkey-authenticator-aaguids</see>,
/// <c>aaguid.json</c>), embedded in this assembly with a sidecar that says which commit of which date it is.
/// <c>eng/update-provider-list.sh</c> refreshes both.
/// </summary>
/// <remarks>
/// The list says it may be retired by becoming an empty object. That, a resource that does not parse, and one that is
/// missing all read as a list that knows no provider, with the reason, never as an exception: names are a courtesy,
/// and start-up must not depend on them. An entry whose key is not a non-zero AAGUID or whose name breaks
/// <see cref="ProviderEntryRules"/> is left out; an icon that breaks them is dropped and the name kept.
/// </remarks>
internal static class CommunityProviderList
{
    public const string ResourceName = "Passkeys.Providers.aaguid.json";
    public const string SourceResourceName = "Passkeys.Providers.aaguid.source.json";

    /// <summary>Opens the embedded list, or returns <see langword="null"/> when the assembly has none.</summary>
    public static Stream? OpenEmbedded() => typeof(CommunityProviderList).Assembly.GetManifestResourceStream(ResourceName);

    /// <summary>Reads the commit and date of the embedded list from its sidecar, or <see langword="null"/>s.</summary>
    public static (string? Commit, string? Date) ReadSource()
    {
        try
        {
            using var stream = typeof(CommunityProviderList).Assembly.GetManifestResourceStream(SourceResourceName);
            if (stream is null)
            {
                return (null, null);
            }

            using var document = JsonDocument.Parse(stream);
            return (Text(document.RootElement, "commit"), Text(document.RootElement, "date"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Reads a list from <paramref name="stream"/>.</summary>
    public static CommunityProviderListContent Read(Stream? stream)
    {
        if (stream is null)
        {
            return CommunityProviderListContent.Empty("the resource is missing");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return CommunityProviderListContent.Empty("it is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return CommunityProviderListContent.Empty("it is not a JSON object");
            }

            var providers = new Dictionary<Guid, PasskeyProvider>();
            var skipped = 0;
            foreach (var entry in root.EnumerateObject())
            {
                if (ReadEntry(entry, ref skipped) is { } provider && ProviderEntryRules.TryReadAaguid(entry.Name, out var aaguid))
                {
                    providers[aaguid] = provider;
                }
                else
                {
                    skipped++;
                }
            }

            return providers.Count == 0 && skipped == 0
                ? CommunityProviderListContent.Empty("it is an empty object, as the list becomes when it is retired")
                : new CommunityProviderListContent(providers, skipped, null);
        }
    }

    private static PasskeyProvider? ReadEntry(JsonProperty entry, ref int skipped)
    {
        if (entry.Value.ValueKind != JsonValueKind.Object || ProviderEntryRules.NameProblem(Text(entry.Value, "name")) is not null)
        {
            return null;
        }

        var light = Icon(entry.Value, "icon_light", ref skipped);
        var dark = Icon(entry.Value, "icon_dark", ref skipped);
        return new PasskeyProvider { Name = Text(entry.Value, "name")!, IconLight = light, IconDark = dark };
    }

    private static string? Icon(JsonElement entry, string member, ref int skipped)
    {
        var icon = Text(entry, member);
        if (icon is null || ProviderEntryRules.IconProblem(icon) is null)
        {
            return icon;
        }

        skipped++;
        return null;
    }

    private static string? Text(JsonElement element, string member)
        => element.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
