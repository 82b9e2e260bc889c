using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// Keeps each credential's imported public key, so a sign-in does not import it again (WebAuthn §7.2 step 21
/// needs the stored key). Bounded by <see cref="PasskeyOptions.PublicKeyCacheSize"/>; thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// An entry also keeps the COSE bytes it was imported from and is only used while the stored key is the same,
/// so a changed or re-registered key is never checked with the old one. A deleted credential is never looked up
/// again (the store no longer finds it); <see cref="Evict"/> frees its entry sooner.
/// </para>
/// <para>
/// When full, the least recently used of a small sample of entries is dropped: cheap, and close to LRU for
/// this purpose. Dropped keys are not disposed, because another sign-in may still be using them; the
/// finalizer frees them.
/// </para>
/// </remarks>
internal sealed class PublicKeyCache
{
    private const int EvictionSample = 8;

    private readonly ConcurrentDictionary<byte[], CachedPublicKey> _entries = new(CredentialIdComparer.Instance);
    private readonly ConcurrentDictionary<byte[], CachedPublicKey>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly int _capacity;
    private long _clock;
    private long _imports;

    public PublicKeyCache(IOptions<PasskeyOptions> options)
    {
        _capacity = Math.Max(1, options.Value.PublicKeyCacheSize);
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Gets the number of keys kept.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets how many times a key was imported (for tests and diagnostics).</summary>
    public long Imports => Interlocked.Read(ref _imports);

    /// <summary>
    /// Gets the imported key for a credential, importing it when it is not kept or the stored key changed.
    /// </summary>
    /// <returns>The key, or <see langword="null"/> when the fast path does not handle this key.</returns>
    public CoseVerificationKey? Get(ReadOnlySpan<byte> credentialId, byte[] coseKey)
    {
        var stamp = Interlocked.Increment(ref _clock);
        if (_lookup.TryGetValue(credentialId, out var entry) && entry.CoseKey.AsSpan().SequenceEqual(coseKey))
        {
            entry.LastUse = stamp;
            return entry.Key;
        }

        Interlocked.Increment(ref _imports);
        var imported = new CachedPublicKey(coseKey.ToArray(), CoseKeyDecoder.TryImport(coseKey), stamp);
        if (!_lookup.ContainsKey(credentialId) && _entries.Count >= _capacity)
        {
            EvictOne();
        }

        _lookup[credentialId] = imported;
        return imported.Key;
    }

    /// <summary>Drops the key kept for a credential, if any.</summary>
    /// <returns><see langword="true"/> when a key was dropped.</returns>
    public bool Evict(ReadOnlySpan<byte> credentialId) => _lookup.TryRemove(credentialId, out _, out _);

    private void EvictOne()
    {
        KeyValuePair<byte[], CachedPublicKey>? oldest = null;
        var seen = 0;
        foreach (var pair in _entries)
        {
            if (oldest is null || pair.Value.LastUse < oldest.Value.Value.LastUse)
            {
                oldest = pair;
            }

            if (++seen == EvictionSample)
            {
                break;
            }
        }

        if (oldest is { } victim)
        {
            _entries.TryRemove(victim);
        }
    }
}
