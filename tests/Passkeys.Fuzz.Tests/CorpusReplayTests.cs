namespace Passkeys.Fuzz.Tests;

/// <summary>
/// Replays every committed fuzz input (fuzz/corpus/&lt;target&gt;/, with the fixed crashes kept in regressions/) and
/// every generated seed through the same target code afl-fuzz runs, with the same invariants: no exception but the
/// documented refusals, the fast path and Fido2 agree, no 5xx and problem details for every 4xx.
/// </summary>
public class CorpusReplayTests
{
    private const long MaxCorpusBytes = 1024 * 1024;

    public static IEnumerable<string> Targets => FuzzTargets.All.Select(t => t.Name);

    [TestCaseSource(nameof(Targets))]
    public void Every_committed_corpus_input_passes_the_target_invariants(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var files = CorpusFiles(name);
        Assert.That(files, Is.Not.Empty, $"fuzz/corpus/{name}/ is empty: run eng/fuzz.sh {name} MINUTES and commit the corpus.");
        var failures = Replay(target, files.Select(f => (Path.GetRelativePath(RepositoryRoot, f), File.ReadAllBytes(f))));
        TestContext.Out.WriteLine($"{files.Length} inputs replayed.");
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [TestCaseSource(nameof(Targets))]
    public void Every_generated_seed_passes_the_target_invariants(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var failures = Replay(target, target.Seeds());
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [TestCaseSource(nameof(Targets))]
    public void Committed_corpus_stays_well_under_a_megabyte(string name)
    {
        var bytes = CorpusFiles(name).Sum(f => new FileInfo(f).Length);
        Assert.That(bytes, Is.LessThan(MaxCorpusBytes), $"fuzz/corpus/{name}/ holds {bytes} bytes: minimise it (eng/fuzz.sh runs afl-cmin).");
    }

    [TestCaseSource(nameof(Targets))]
    public void Open_findings_are_moved_to_the_regressions_once_fixed(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var directory = Path.Combine(RepositoryRoot, "fuzz", "findings", name);
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory) : [];
        if (files.Length == 0)
        {
            Assert.Pass($"No open findings for {name}.");
        }

        var failures = Replay(target, files.Select(f => (Path.GetRelativePath(RepositoryRoot, f), File.ReadAllBytes(f))));
        if (failures.Count > 0)
        {
            // On CI an open finding is a failure, never a skip.
            var message = $"{failures.Count} open finding(s) for {name} still fail (see fuzz/findings/README.md):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        Assert.Fail($"The findings in fuzz/findings/{name}/ pass now: move them to fuzz/corpus/{name}/regressions/ and update fuzz/findings/README.md.");
    }

    internal static string RepositoryRoot { get; } = FindRoot();

    private static string[] CorpusFiles(string target)
    {
        var directory = Path.Combine(RepositoryRoot, "fuzz", "corpus", target);
        return Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [];
    }

    private static List<string> Replay(IFuzzTarget target, IEnumerable<(string Name, byte[] Input)> inputs)
    {
        var failures = new List<string>();
        foreach (var (name, input) in inputs)
        {
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }

        return failures;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Passkeys.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Passkeys.sln) was not found above the test directory.");
    }
}
