using System.Diagnostics;
using Passkeys.Tests.Processes;

namespace QuickStart.Tests.Infrastructure;

/// <summary>The dotnet CLI as a person at a terminal runs it (<see cref="ChildProcess"/>).</summary>
internal static class DotnetCli
{
    public static Task<string> RunAsync(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
        => ChildProcess.RunAsync("dotnet", workingDirectory, arguments, environment, timeout);

    public static ProcessStartInfo CreateStartInfo(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
        => ChildProcess.CreateStartInfo("dotnet", workingDirectory, arguments, environment);
}
