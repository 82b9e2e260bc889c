using Fido2NetLib.Objects;

namespace Passkeys.Engine;

/// <summary>
/// The shapes decoy credentials are drawn from, so a decoy list looks like a real account's: the id lengths and
/// transports the common passkey providers produce, and a plausible number of passkeys per account.
/// </summary>
/// <remarks>
/// The lengths and transports are what these providers are seen to produce: iCloud Keychain 20-byte ids,
/// Google Password Manager 16-byte ids (both reported by browsers as <c>hybrid</c>, <c>internal</c>), Windows
/// Hello 32-byte ids with <c>internal</c> and an RSA key, security keys 16-byte ids for discoverable credentials
/// and 64-byte wrapped ids otherwise, over <c>nfc</c>, <c>usb</c> (Yubico, libfido2 issue 42). The shares and
/// the number of passkeys per account are a judgement of a consumer site's mix, not a measurement;
/// docs/security.md says so too. Transports are in the order browsers report them (sorted); an empty list is
/// listed without transports, as real passkeys whose transports no shape has are (<see cref="Listed"/>).
/// </remarks>
internal static class DecoyShapes
{
    public static readonly DecoyShape[] All =
    [
        new("iCloud Keychain", 20, [AuthenticatorTransport.Hybrid, AuthenticatorTransport.Internal], COSE.Algorithm.ES256, 30),
        new("Google Password Manager", 16, [AuthenticatorTransport.Hybrid, AuthenticatorTransport.Internal], COSE.Algorithm.ES256, 27),
        new("Windows Hello", 32, [AuthenticatorTransport.Internal], COSE.Algorithm.RS256, 15),
        new("Security key, discoverable credential", 16, [AuthenticatorTransport.Nfc, AuthenticatorTransport.Usb], COSE.Algorithm.ES256, 8),
        new("Security key, wrapped credential id", 64, [AuthenticatorTransport.Nfc, AuthenticatorTransport.Usb], COSE.Algorithm.ES256, 8),
        new("USB security key, discoverable credential", 16, [AuthenticatorTransport.Usb], COSE.Algorithm.ES256, 4),
        new("USB security key, wrapped credential id", 64, [AuthenticatorTransport.Usb], COSE.Algorithm.ES256, 3),
        new("Passkey listed without transports", 16, [], COSE.Algorithm.ES256, 3),
        new("Security key listed without transports", 64, [], COSE.Algorithm.ES256, 2),
    ];

    /// <summary>The share of accounts (of 100) with one, two and three passkeys.</summary>
    public static readonly int[] CountShares = [60, 30, 10];

    /// <summary>Picks the shape at <paramref name="roll"/> (0 to 99) of the cumulative shares.</summary>
    public static DecoyShape Pick(int roll) => All[Index(All.Select(s => s.Share), roll)];

    /// <summary>Picks how many passkeys (1 to 3) at <paramref name="roll"/> (0 to 99).</summary>
    public static int PickCount(int roll) => 1 + Index(CountShares, roll);

    /// <summary>
    /// The transports a real passkey is listed with in sign-in options: its own (sorted) when a decoy can have the
    /// same, else none (<see langword="null"/>, which lets the browser try every transport), so no listed
    /// combination is one only real passkeys have.
    /// </summary>
    public static AuthenticatorTransport[]? Listed(AuthenticatorTransport[] transports)
        => transports.Length > 0 && All.Any(s => s.Transports.AsSpan().SequenceEqual(transports)) ? transports : null;

    /// <summary>The algorithm of the key a passkey of this id length usually has (RSA for Windows Hello's 32 bytes).</summary>
    public static COSE.Algorithm AlgorithmFor(int idLength)
        => All.FirstOrDefault(s => s.IdLength == idLength)?.Algorithm ?? COSE.Algorithm.ES256;

    private static int Index(IEnumerable<int> shares, int roll)
    {
        var index = 0;
        var upTo = 0;
        foreach (var share in shares)
        {
            upTo += share;
            if (roll < upTo)
            {
                return index;
            }

            index++;
        }

        return index - 1;
    }
}
