using System.Diagnostics;
using QuickStart.Tests.Infrastructure;

namespace QuickStart.Tests.Packed;

/// <summary>
/// Packs src/ once for every test in this namespace, the way a release does (<c>dotnet pack</c> at the root with
/// <c>CI=true</c>), into a folder feed in a temporary directory, with a version no other run has used
/// (<c>{VersionPrefix}-qs.{timestamp}</c>) so the global packages folder can never serve a stale copy.
/// </summary>
/// <remarks>
/// Packing, then building and starting fresh apps takes minutes, so these tests run when <c>CI=true</c> (as in
/// <c>.ci/run</c>) or <c>PASSKEYS_QUICKSTART=1</c>, and are skipped otherwise with a message that says so.
/// </remarks>
[SetUpFixture]
public sealed class PackedFeed
{
    public static readonly string[] PackageIds = ["Passkeys.AspNetCore", "Passkeys.Core", "Passkeys.EntityFramework", "Passkeys.Testing"];

    private static string? s_root;
    private static string? s_version;
    private static string? s_artifacts;

    /// <summary>Gets the temporary directory of this run; the feed and the apps are inside it.</summary>
    public static string Root => s_root ?? throw new InvalidOperationException("The feed is not packed.");

    public static string Directory => Path.Combine(Root, "feed");

    public static string Version => s_version ?? throw new InvalidOperationException("The feed is not packed.");

    public static TimeSpan PackDuration { get; private set; }

    public static bool Enabled =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("PASSKEYS_QUICKSTART") == "1";

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        if (!Enabled)
        {
            Assert.Ignore("Packing the packages and running the README's quick start in fresh apps takes minutes, so it runs only "
                + "with CI=true (as .ci/run sets) or PASSKEYS_QUICKSTART=1: PASSKEYS_QUICKSTART=1 dotnet test tests/QuickStart.Tests");
        }

        s_root = System.IO.Directory.CreateTempSubdirectory("passkeys-quickstart-").FullName;
        s_version = $"{Repository.VersionPrefix}-qs.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        TestContext.Progress.WriteLine($"Packing {s_version} into {Directory}");
        var watch = Stopwatch.StartNew();
        // --artifacts-path keeps this build's obj/ and bin/ apart from the Debug build the other tests run from. It stays
        // inside the clone (artifacts/ is ignored by git) so that generated sources are under the source root that
        // ContinuousIntegrationBuild maps to /_/, as they are in an ordinary pack.
        s_artifacts = Path.Combine(Repository.Root, "artifacts", "quickstart-" + s_version);
        await DotnetCli.RunAsync(Repository.Root,
            ["pack", "-c", "Release", "-o", Directory, "--artifacts-path", s_artifacts, $"-p:VersionSuffix={s_version[(Repository.VersionPrefix.Length + 1)..]}", "--disable-build-servers"],
            new Dictionary<string, string> { ["CI"] = "true" },
            TimeSpan.FromMinutes(10));
        PackDuration = watch.Elapsed;
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (s_root is null)
        {
            return;
        }

        // The unique versions were extracted into the global packages folder by the apps' restores: remove them.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            DeleteDirectory(Path.Combine(packages, id.ToLowerInvariant(), Version.ToLowerInvariant()));
            DeleteIfEmpty(Path.Combine(packages, id.ToLowerInvariant()));
        }

        DeleteDirectory(s_root);
        if (s_artifacts is not null)
        {
            DeleteDirectory(s_artifacts);
            DeleteIfEmpty(Path.GetDirectoryName(s_artifacts)!);
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }

    private static void DeleteIfEmpty(string path)
    {
        if (System.IO.Directory.Exists(path) && !System.IO.Directory.EnumerateFileSystemEntries(path).Any())
        {
            System.IO.Directory.Delete(path);
        }
    }
}
