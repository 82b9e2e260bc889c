using System.Net;
using System.Net.Sockets;
using Passkeys.Tests.Processes;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// The sample as <c>eng/cluster.sh start --nodes 3</c> runs it, in a run folder, on ports and a database of its own
/// (so it meets no cluster a person started): the balancer at <see cref="Origin"/>, node i at <see cref="Node"/>.
/// </summary>
public sealed class RunningCluster
{
    public const int NodeCount = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, string> _environment;

    private RunningCluster(int port)
    {
        Port = port;
        var run = Guid.NewGuid().ToString("N")[..12];
        Directory = Path.Combine(Path.GetTempPath(), "passkeys-cluster-tests-" + run);
        Mailbox = new Mailbox(Path.Combine(Directory, "mail"));
        _environment = new(StringComparer.Ordinal)
        {
            ["CLUSTER_DIR"] = Directory,
            ["CLUSTER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CLUSTER_NODES"] = NodeCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CLUSTER_DATABASE"] = "passkeys_cluster_tests_" + run,

            // The script hands these to every node. All test browsers come from 127.0.0.1, so the per-node limits per
            // client would refuse them long before the tests end.
            ["Passkeys__RateLimitPermitLimit"] = "100000",
            ["Email__ClientPermitLimit"] = "100000",
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin",
        };
    }

    /// <summary>Gets the balancer's port; node i listens on <c>Port + i</c>.</summary>
    public int Port { get; }

    /// <summary>Gets the run folder (<c>CLUSTER_DIR</c>): the published site, the nodes' logs, the mail.</summary>
    public string Directory { get; }

    /// <summary>Gets the origin a browser shows, the balancer's; every node accepts it (and its own).</summary>
    public string Origin => $"http://localhost:{Port}";

    /// <summary>Gets the mail folder every node writes to, as one mailbox (each message is handed out once).</summary>
    public Mailbox Mailbox { get; }

    /// <summary>Gets node <paramref name="index"/> (1 to <see cref="NodeCount"/>) by its own address, past the balancer.</summary>
    public Uri Node(int index) => new($"http://localhost:{Port + index}");

    public static async Task<RunningCluster> StartAsync()
    {
        var cluster = new RunningCluster(FreePortBlock());
        try
        {
            await cluster.RunScriptAsync(StartTimeout, "start", "--nodes", NodeCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            await cluster.ResetAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Stops the balancer and the nodes, drops the database and deletes the run folder.</summary>
    public Task ResetAsync() => RunScriptAsync(TimeSpan.FromMinutes(2), "reset");

    /// <summary>The last lines of every node's log, for a failure message.</summary>
    public string NodeLogs()
        => string.Join('\n', Enumerable.Range(1, NodeCount).Select(i => Path.Combine(Directory, $"node{i}.log")).Where(File.Exists)
            .Select(log => $"--- {Path.GetFileName(log)} ---\n" + string.Join('\n', File.ReadLines(log).TakeLast(20))));

    private async Task RunScriptAsync(TimeSpan timeout, params string[] arguments)
    {
        var output = await ChildProcess.RunAsync("bash", RepositoryRoot.Path, ["eng/cluster.sh", .. arguments], _environment, timeout);
        TestContext.Progress.WriteLine(output.TrimEnd());
    }

    // The first of 5200, 5210, ... whose balancer and node ports are all free (another cluster may be running).
    private static int FreePortBlock()
    {
        for (var port = 5200; port < 5400; port += 10)
        {
            if (Enumerable.Range(port, NodeCount + 1).All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free block of ports between 5200 and 5400 for the cluster.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
