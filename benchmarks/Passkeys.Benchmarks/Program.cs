using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Each benchmark class builds its own boilerplate project; on a busy 2-core CI machine that can take longer than
// BenchmarkDotNet's default two minutes, which then fails the run without measuring anything.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

// BenchmarkDotNet reports a benchmark that threw and carries on with exit code 0; CI must see the failure.
var failed = summaries
    .Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success) || s.Reports.Length < s.BenchmarksCases.Length)
    .Select(s => s.Title)
    .ToList();
foreach (var title in failed)
{
    await Console.Error.WriteLineAsync($"Benchmarks failed or did not run: {title}").ConfigureAwait(false);
}

return failed.Count == 0 ? 0 : 1;
