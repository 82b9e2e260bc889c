namespace Passkeys.LoadGenerator;

/// <summary>The server's /bench/stats: bytes allocated so far, database commands so far, ceremony rows now.</summary>
internal sealed record ServerStats(long AllocatedBytes, long Commands, long Ceremonies);
