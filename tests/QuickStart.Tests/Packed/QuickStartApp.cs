using QuickStart.Tests.Infrastructure;

namespace QuickStart.Tests.Packed;

/// <summary>
/// A fresh app made by following the README's quick start to the letter in a temporary directory: the commands of
/// its <c>shell</c> blocks, run in order, and its marked files written over the template's, with the packages
/// coming from the packed folder feed.
/// </summary>
internal sealed class QuickStartApp
{
    private readonly string _readme = Repository.Readme;
    private readonly string _workspace;
    private string _directory;

    private QuickStartApp(string workspace)
    {
        _workspace = workspace;
        _directory = workspace;
    }

    /// <summary>Gets the app's project directory (where the README's <c>cd</c> leads).</summary>
    public string Directory => _directory;

    public string Name => Path.GetFileName(_directory);

    /// <summary>
    /// Creates a workspace whose nuget.config has only the packed feed (for <c>Passkeys.*</c>) and nuget.org (for
    /// everything else), then follows the README's <paramref name="section"/>.
    /// </summary>
    public static async Task<QuickStartApp> CreateAsync(string section)
    {
        var workspace = System.IO.Directory.CreateDirectory(Path.Combine(PackedFeed.Root, section + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        await File.WriteAllTextAsync(Path.Combine(workspace, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{PackedFeed.Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="packed"><package pattern="Passkeys.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        var app = new QuickStartApp(workspace);
        await app.FollowAsync(section);
        return app;
    }

    /// <summary>Runs the commands of the section's <c>shell</c> block and writes its files.</summary>
    public async Task FollowAsync(string section)
    {
        var blocks = ReadmeBlocks.Of(_readme, section);
        Assert.That(blocks, Is.Not.Empty, $"README.md has code blocks marked <!-- {section}:… -->.");
        foreach (var (name, code) in blocks)
        {
            if (name == "shell")
            {
                await RunShellAsync(code);
            }
            else
            {
                var path = Path.Combine(_directory, name);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, code);
            }
        }
    }

    public Task<string> DotnetAsync(params string[] arguments) => DotnetCli.RunAsync(_directory, arguments);

    private async Task RunShellAsync(string commands)
    {
        foreach (var rawLine in commands.Split('\n'))
        {
            var line = rawLine.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            // Words as a POSIX shell splits this simple a line: on spaces, with quotes around a word removed.
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word.Trim('"', '\'')).ToArray();
            if (words is ["cd", var target])
            {
                _directory = Path.GetFullPath(Path.Combine(_directory, target));
                Assert.That(_directory, Does.StartWith(_workspace), "The README's cd stays inside the app.");
            }
            else if (words is ["dotnet", "new", ..])
            {
                await DotnetCli.RunAsync(_directory, words[1..]);
            }
            else if (words is ["dotnet", "add", "package", var id] && id.StartsWith("Passkeys.", StringComparison.Ordinal))
            {
                // The README installs the release from nuget.org; here the version just packed stands in for it.
                await DotnetCli.RunAsync(_directory, [.. words[1..], "--version", PackedFeed.Version]);
            }
            else if (words is ["dotnet", "add", "package", _, ..])
            {
                await DotnetCli.RunAsync(_directory, words[1..]);
            }
            else
            {
                Assert.Fail($"The quick-start test does not know how to follow the README's command `{line}`; teach QuickStartApp or change the README.");
            }
        }
    }
}
