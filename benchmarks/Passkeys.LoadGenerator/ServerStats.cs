namespace Passkeys.LoadGenerator;

/// <summary>
/// The server's /bench/stats: bytes allocated so far, database commands so far, methods the JIT compiled so far
/// (tier-0 and tier-1 both count), memory the GC has committed now, ceremony rows now.
/// </summary>
internal sealed record ServerStats(long AllocatedBytes, long Commands, long JitMethods, long GcCommittedBytes, long Ceremonies);
