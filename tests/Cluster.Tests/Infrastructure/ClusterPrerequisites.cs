using System.Net.Sockets;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// What <c>eng/cluster.sh</c> needs on this machine and does not bring itself in a test run: Debian's haproxy, and
/// PostgreSQL installed and answering on 127.0.0.1:5432.
/// </summary>
internal static class ClusterPrerequisites
{
    private const string Install = "apt-get install -y haproxy postgresql";

    /// <summary>Gets a sentence saying what to install or start, or null when everything is there.</summary>
    public static string? Missing()
    {
        var postgresVersions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "postgres"))).Select(Path.GetFileName).Order().ToList()
            : [];
        var haproxy = OnPath("haproxy");
        if (!haproxy || postgresVersions.Count == 0)
        {
            var what = (haproxy, postgresVersions.Count) switch
            {
                (false, 0) => "haproxy and PostgreSQL are",
                (false, _) => "haproxy is",
                _ => "PostgreSQL is",
            };
            return $"The cluster tests need Debian's haproxy and PostgreSQL, and {what} not installed: {Install}, then pg_ctlcluster <version> main start.";
        }

        if (!Answers("127.0.0.1", 5432))
        {
            return $"The cluster tests need PostgreSQL on 127.0.0.1:5432, which does not answer: start it with pg_ctlcluster {postgresVersions[^1]} main start.";
        }

        return null;
    }

    private static bool OnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(["/usr/sbin", "/sbin"])
            .Any(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, program)));

    private static bool Answers(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
