using System.Diagnostics;
using System.Text;

namespace Passkeys.Tests.Processes;

/// <summary>
/// Runs a program (the dotnet CLI, or a script that runs it) the way a person at a terminal would, with a clean
/// MSBuild environment and no build servers left behind (they would hold the output pipes open and outlive the test).
/// </summary>
internal static class ChildProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <paramref name="program"/> to its end and returns its output; fails the test on a non-zero exit or a timeout.</summary>
    public static async Task<string> RunAsync(string program, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var argumentList = arguments.ToList();
        var command = program + " " + string.Join(' ', argumentList);
        using var process = new Process { StartInfo = CreateStartInfo(program, workingDirectory, argumentList, environment) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);

        var started = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{command}` in {workingDirectory} did not finish within {timeout ?? DefaultTimeout}:\n{Text(output)}");
        }

        TestContext.Progress.WriteLine($"  {command}: {started.Elapsed.TotalSeconds:0.0} s");
        if (process.ExitCode != 0)
        {
            Assert.Fail($"`{command}` in {workingDirectory} failed with exit code {process.ExitCode}:\n{Text(output)}");
        }

        return Text(output);
    }

    public static ProcessStartInfo CreateStartInfo(string program, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` runs this process under MSBuild, whose variables (MSBuildSDKsPath, MSBUILD_EXE_PATH, ...) would
        // steer the child's own MSBuild; a terminal has none of them.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
