using Fido2NetLib;
using Fido2NetLib.Objects;

namespace Passkeys.Engine;

/// <summary>
/// Converts between stored transport strings and Fido2's enum, dropping values WebAuthn does not define.
/// </summary>
internal static class TransportNames
{
    public static string[] Format(AuthenticatorTransport[]? transports)
        => transports is null ? [] : transports.Select(t => t.ToEnumMemberValue()).Distinct().ToArray();

    /// <summary>
    /// The known transports, without duplicates, sorted as browsers report them (WebAuthn §5.2.1.2 keeps them in
    /// lexicographical order), so a passkey stored from an unusual client lists them as decoys do.
    /// </summary>
    public static AuthenticatorTransport[] Parse(IReadOnlyList<string> transports)
    {
        var parsed = new List<AuthenticatorTransport>(transports.Count);
        foreach (var name in transports)
        {
            var transport = name switch
            {
                "usb" => AuthenticatorTransport.Usb,
                "nfc" => AuthenticatorTransport.Nfc,
                "ble" => AuthenticatorTransport.Ble,
                "smart-card" => AuthenticatorTransport.SmartCard,
                "hybrid" => AuthenticatorTransport.Hybrid,
                "internal" => AuthenticatorTransport.Internal,
                _ => (AuthenticatorTransport?)null,
            };
            if (transport is { } t && !parsed.Contains(t))
            {
                parsed.Add(t);
            }
        }

        return [.. parsed.OrderBy(t => t.ToEnumMemberValue(), StringComparer.Ordinal)];
    }
}
