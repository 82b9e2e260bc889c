using System.Xml.Linq;
using Passkeys.Tests.Processes;

namespace QuickStart.Tests.Infrastructure;

/// <summary>
/// The repository these tests run from: its root, README and the version every package gets.
/// </summary>
internal static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string Readme => File.ReadAllText(Path.Combine(Root, "README.md"));

    /// <summary>The one place the packages' version is set: <c>VersionPrefix</c> in the root Directory.Build.props.</summary>
    public static string VersionPrefix
    {
        get
        {
            var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
            var prefixes = props.Descendants("VersionPrefix").Select(e => e.Value.Trim()).ToList();
            Assert.That(prefixes, Has.Count.EqualTo(1), "Directory.Build.props sets VersionPrefix exactly once.");
            return prefixes[0];
        }
    }

    public static IReadOnlyList<string> PackageProjects =>
        Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
}
