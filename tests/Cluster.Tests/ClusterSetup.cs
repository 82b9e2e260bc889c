using Cluster.Tests.Infrastructure;

namespace Cluster.Tests;

/// <summary>
/// Starts one cluster for every test of the assembly and resets it at the end (nodes and balancer stopped, database
/// dropped, run folder deleted), also when a test or the start failed. Without haproxy or PostgreSQL the tests are
/// skipped with what to install; on CI (<c>CI=true</c>) that is a failure.
/// </summary>
[SetUpFixture]
public sealed class ClusterSetup
{
    private static RunningCluster? s_cluster;

    /// <summary>Gets the running cluster.</summary>
    public static RunningCluster Cluster => s_cluster ?? throw new InvalidOperationException("The cluster did not start.");

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        if (ClusterPrerequisites.Missing() is { } why)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        s_cluster = await RunningCluster.StartAsync();
        TestContext.Progress.WriteLine($"Cluster of {RunningCluster.NodeCount} nodes at {s_cluster.Origin} started in {started.Elapsed.TotalSeconds:0} s.");
    }

    [OneTimeTearDown]
    public async Task ResetCluster()
    {
        if (s_cluster is { } cluster)
        {
            s_cluster = null;
            await cluster.ResetAsync();
        }
    }
}
