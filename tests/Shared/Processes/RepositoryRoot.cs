namespace Passkeys.Tests.Processes;

/// <summary>The root of the repository these tests run from: the folder above the test's output with <c>Passkeys.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Passkeys.sln")) && File.Exists(System.IO.Path.Combine(directory.FullName, "Directory.Build.props")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Passkeys.sln above {AppContext.BaseDirectory}.");
    }
}
