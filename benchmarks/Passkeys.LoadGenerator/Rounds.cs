using System.Diagnostics;
using System.Text.Json;

namespace Passkeys.LoadGenerator;

/// <summary>Runs one round against one server: every client repeats an operation until the time is up.</summary>
internal static class Rounds
{
    private static readonly HttpClient Stats = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<RoundResult> RunAsync(ServerProcess server, IReadOnlyList<BrowserClient> clients, TimeSpan duration, Func<BrowserClient, int, Task<double?>> operation, int? fixedCount = null)
    {
        var before = await StatsAsync(server).ConfigureAwait(false);
        var cpuBefore = server.CpuTime();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var remaining = fixedCount ?? int.MaxValue;
        var perClient = new RoundResult[clients.Count];

        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var result = perClient[i] = new RoundResult();
            var n = 0;
            while ((fixedCount is null ? Stopwatch.GetTimestamp() < deadline : Interlocked.Decrement(ref remaining) >= 0))
            {
                double? latency;
                try
                {
                    latency = await operation(client, n++).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    latency = null;
                    result.LastError = e.Message;
                }

                if (latency is { } ms)
                {
                    result.Latencies.Add(ms);
                }
                else
                {
                    result.Failures++;
                    result.LastError ??= client.LastError;
                }
            }
        }))).ConfigureAwait(false);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuAfter = server.CpuTime();
        var after = await StatsAsync(server).ConfigureAwait(false);
        var total = new RoundResult { ServerCpu = cpuAfter - cpuBefore, Elapsed = elapsed, AllocatedBytes = server.HasStats ? after.AllocatedBytes - before.AllocatedBytes : -1 };
        foreach (var result in perClient)
        {
            total.Latencies.AddRange(result.Latencies);
            total.Failures += result.Failures;
            total.LastError ??= result.LastError;
        }

        return total;
    }

    public static async Task<ServerStats> StatsAsync(ServerProcess server)
    {
        if (!server.HasStats)
        {
            return new ServerStats(-1, -1, -1, -1, -1);
        }

        using var document = JsonDocument.Parse(await Stats.GetStringAsync(new Uri($"{server.Origin}/bench/stats")).ConfigureAwait(false));
        var root = document.RootElement;
        return new ServerStats(root.GetProperty("allocatedBytes").GetInt64(), root.GetProperty("commands").GetInt64(),
            root.GetProperty("jitMethods").GetInt64(), root.GetProperty("gcCommittedBytes").GetInt64(), root.GetProperty("ceremonies").GetInt64());
    }
}
