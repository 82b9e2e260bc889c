using System.Text;
using System.Text.Json;
using Fido2NetLib;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// Decides whether a client data origin is one of the configured origins, as Fido2 does: the origin is
/// normalised to scheme, host and a non-default port, then looked up case-insensitively in
/// <see cref="Fido2Configuration.FullyQualifiedOrigins"/>.
/// </summary>
/// <remarks>
/// The configured origins that are already in normal form are kept as UTF-8, so the usual origin is matched in
/// the JSON reader without making a string or parsing a URI.
/// </remarks>
internal sealed class OriginMatcher
{
    private readonly IReadOnlySet<string> _origins;
    private readonly byte[][] _normalUtf8;

    public OriginMatcher(Fido2Configuration configuration)
    {
        _origins = configuration.FullyQualifiedOrigins;
        _normalUtf8 = _origins
            .Where(o => TryNormalize(o, out var normal) && _origins.Contains(normal))
            .Select(Encoding.UTF8.GetBytes)
            .ToArray();
    }

    /// <summary>Whether the reader's current string is a configured origin exactly as written.</summary>
    public bool MatchesAsWritten(ref Utf8JsonReader reader)
    {
        foreach (var origin in _normalUtf8)
        {
            if (reader.ValueTextEquals(origin))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a normalised origin is configured.</summary>
    public bool Contains(string normalizedOrigin) => _origins.Contains(normalizedOrigin);

    /// <summary>
    /// Normalises an origin: <c>scheme://host</c>, with <c>:port</c> only when it is not the scheme's default.
    /// Strings that are not URIs with a host are kept as they are.
    /// </summary>
    /// <returns><see langword="false"/> when the origin is not a URI at all.</returns>
    public static bool TryNormalize(string origin, out string normalized)
    {
        Uri uri;
        try
        {
            uri = new Uri(origin);
        }
        catch (UriFormatException)
        {
            normalized = origin;
            return false;
        }

        normalized = uri.HostNameType == UriHostNameType.Unknown ? origin
            : uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}"
            : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
        return true;
    }
}
