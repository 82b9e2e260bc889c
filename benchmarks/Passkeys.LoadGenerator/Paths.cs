namespace Passkeys.LoadGenerator;

/// <summary>Where the repository, the servers' projects and their Release builds are.</summary>
internal static class Paths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ServerProject(string project) => Path.Combine(RepoRoot, "benchmarks", "Servers", project, project + ".csproj");

    public static string ServerOutput(string project) => Path.Combine(RepoRoot, "benchmarks", "Servers", project, "bin", "Release", "net10.0");

    public static string SampleProject => Path.Combine(RepoRoot, "samples", "DemoSite", "DemoSite.csproj");

    public static string SampleOutput => Path.Combine(RepoRoot, "samples", "DemoSite", "bin", "Release", "net10.0");

    public static string Results => Path.Combine(RepoRoot, "benchmarks", "results");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Passkeys.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
