using System.Net;
using System.Net.Sockets;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Names the client a request counts against in the per-client limits: an IPv4 address as it is; an IPv6 address
/// by its first <see cref="PasskeyHttpOptions.RateLimitIPv6PrefixLength"/> bits, since one host usually holds a
/// whole /64 and could otherwise use a new address for every request; an IPv4-mapped IPv6 address as IPv4.
/// </summary>
internal static class ClientPartition
{
    public const string Unknown = "unknown";

    public static string For(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var prefix = Math.Clamp(ipv6PrefixLength, 0, 128);
        for (var bit = prefix; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        // A new address without the scope id: fe80::1%eth0 and fe80::1%eth1 are one link-local prefix.
        return $"{new IPAddress(bytes)}/{prefix}";
    }
}
