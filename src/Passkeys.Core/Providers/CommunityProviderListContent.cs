namespace Passkeys.Providers;

/// <summary>
/// What <see cref="CommunityProviderList.Read"/> found: the providers by AAGUID, how many entries or icons it left
/// out, and why it knows no provider at all when it does not (<see langword="null"/> otherwise).
/// </summary>
internal sealed record CommunityProviderListContent(IReadOnlyDictionary<Guid, PasskeyProvider> Providers, int Skipped, string? Problem)
{
    public static CommunityProviderListContent Empty(string problem) => new(new Dictionary<Guid, PasskeyProvider>(), 0, problem);
}
