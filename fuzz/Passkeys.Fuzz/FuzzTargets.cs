using Passkeys.Fuzz.Targets;

namespace Passkeys.Fuzz;

/// <summary>The fuzz targets, by name.</summary>
public static class FuzzTargets
{
    /// <summary>Gets every target, in the order <c>eng/fuzz.sh all</c> runs them.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new ClientDataTarget(),
        new AuthenticatorDataTarget(),
        new CoseKeyTarget(),
        new DerSignatureTarget(),
        new AssertionTarget(),
        new JsonBodyTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
