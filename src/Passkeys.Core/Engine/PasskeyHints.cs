using Fido2NetLib.Objects;

namespace Passkeys.Engine;

/// <summary>
/// The WebAuthn Level 3 hints (<c>security-key</c>, <c>client-device</c>, <c>hybrid</c>; §5.8.7) by their names in
/// options JSON: the one check for configured defaults, request bodies and the engine.
/// </summary>
internal static class PasskeyHints
{
    public const string SecurityKey = "security-key";
    public const string ClientDevice = "client-device";
    public const string Hybrid = "hybrid";

    public static readonly string[] Names = [SecurityKey, ClientDevice, Hybrid];

    /// <summary>
    /// Reads hint names in order of preference: each one of <see cref="Names"/>, none twice. Returns
    /// <see langword="null"/>, or a sentence that says what is wrong.
    /// </summary>
    public static string? TryParse(IEnumerable<string?> names, out PublicKeyCredentialHint[] hints)
    {
        var parsed = new List<PublicKeyCredentialHint>();
        hints = [];
        foreach (var name in names)
        {
            PublicKeyCredentialHint? hint = name switch
            {
                SecurityKey => PublicKeyCredentialHint.SecurityKey,
                ClientDevice => PublicKeyCredentialHint.ClientDevice,
                Hybrid => PublicKeyCredentialHint.Hybrid,
                _ => null,
            };
            if (hint is not { } known)
            {
                return $"'{Shorten(name)}' is not a hint; use {SecurityKey}, {ClientDevice} or {Hybrid}.";
            }

            if (parsed.Contains(known))
            {
                return $"The hint '{name}' is given twice.";
            }

            parsed.Add(known);
        }

        hints = [.. parsed];
        return null;
    }

    private static string Shorten(string? name) => name is null ? "null" : name.Length <= 32 ? name : name[..32] + "…";
}
