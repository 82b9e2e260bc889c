namespace Passkeys.LoadGenerator;

/// <summary>What one server did in one or more rounds: operations, failures, server CPU, latencies.</summary>
internal sealed class RoundResult
{
    public List<double> Latencies { get; } = [];

    public int Failures { get; set; }

    public TimeSpan ServerCpu { get; set; }

    public TimeSpan Elapsed { get; set; }

    public long AllocatedBytes { get; set; }

    public string? LastError { get; set; }

    public int Operations => Latencies.Count;

    public double CpuMsPerOperation => Operations == 0 ? double.NaN : ServerCpu.TotalMilliseconds / Operations;

    public double KiBPerOperation => Operations == 0 || AllocatedBytes < 0 ? double.NaN : AllocatedBytes / 1024.0 / Operations;

    public double Throughput => Elapsed <= TimeSpan.Zero ? 0 : Operations / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (Latencies.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Latencies.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public void Add(RoundResult other)
    {
        Latencies.AddRange(other.Latencies);
        Failures += other.Failures;
        ServerCpu += other.ServerCpu;
        Elapsed += other.Elapsed;
        AllocatedBytes += other.AllocatedBytes;
        LastError = other.LastError ?? LastError;
    }
}
