using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;
using QuickStart.Tests.Infrastructure;

namespace QuickStart.Tests.Packed;

/// <summary>
/// What <c>dotnet pack</c> at the root puts in each package: metadata, README, XML docs, symbols with SourceLink,
/// the browser module, and dependencies with the intended lower bounds.
/// </summary>
public sealed class PackageContentTests
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    [Test]
    public void Pack_at_the_root_makes_the_four_packages_and_their_symbol_packages_and_nothing_else()
    {
        var files = Directory.GetFiles(PackedFeed.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var expected = PackedFeed.PackageIds.SelectMany(id => new[] { $"{id}.{PackedFeed.Version}.nupkg", $"{id}.{PackedFeed.Version}.snupkg" })
            .Order(StringComparer.Ordinal);
        Assert.That(files, Is.EqualTo(expected));
        Assert.That(Repository.PackageProjects, Is.EqualTo(PackedFeed.PackageIds), "Every project under src/ is one of the packages.");
    }

    [TestCaseSource(typeof(PackedFeed), nameof(PackedFeed.PackageIds))]
    public void Package_has_description_tags_license_urls_repository_commit_and_the_shared_version(string id)
    {
        var metadata = Nuspec(id);
        Assert.Multiple(() =>
        {
            Assert.That(Value(metadata, "version"), Is.EqualTo(PackedFeed.Version), "The version is VersionPrefix plus the suffix.");
            Assert.That(Value(metadata, "description"), Has.Length.GreaterThan(40));
            Assert.That(Value(metadata, "tags").Split(' '), Does.Contain("passkeys").And.Contain("webauthn"));
            Assert.That(Value(metadata, "authors"), Is.Not.Empty);
            Assert.That(Value(metadata, "copyright"), Is.Not.Empty);
            Assert.That(metadata.Element(metadata.Name.Namespace + "license")?.Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(Value(metadata, "license"), Is.EqualTo("MIT"));
            Assert.That(Value(metadata, "projectUrl"), Does.StartWith("https://github.com/"));
            var repository = metadata.Element(metadata.Name.Namespace + "repository");
            Assert.That(repository?.Attribute("type")?.Value, Is.EqualTo("git"));
            Assert.That(repository?.Attribute("url")?.Value, Is.EqualTo(Value(metadata, "projectUrl")));
            Assert.That(repository?.Attribute("commit")?.Value, Does.Match("^[0-9a-f]{40}$"), "SourceLink records the commit (PublishRepositoryUrl).");
            Assert.That(Value(metadata, "readme"), Is.EqualTo("README.md"));
        });
    }

    [TestCaseSource(typeof(PackedFeed), nameof(PackedFeed.PackageIds))]
    public void Package_readme_is_the_projects_own(string id)
    {
        using var package = Open(id, "nupkg");
        Assert.That(Read(package, "README.md"), Is.EqualTo(File.ReadAllText(Path.Combine(Repository.Root, "src", id, "README.md"))));
    }

    [TestCaseSource(typeof(PackedFeed), nameof(PackedFeed.PackageIds))]
    public void Package_has_the_assembly_with_xml_docs_for_net10(string id)
    {
        using var package = Open(id, "nupkg");
        Assert.That(package.Entries.Select(e => e.FullName), Does.Contain($"lib/net10.0/{id}.dll").And.Contain($"lib/net10.0/{id}.xml"));
        Assert.That(Read(package, $"lib/net10.0/{id}.xml"), Does.Contain("<member name=\"T:"));
    }

    [TestCaseSource(typeof(PackedFeed), nameof(PackedFeed.PackageIds))]
    public void Symbol_package_has_a_ci_build_pdb_with_embedded_generated_sources(string id)
    {
        using var pdb = Pdb(id);
        var reader = pdb.GetMetadataReader();
        var documents = reader.Documents.Select(handle => (Handle: handle, Name: reader.GetString(reader.GetDocument(handle).Name))).ToList();
        Assert.That(documents, Is.Not.Empty);
        Assert.That(documents.Select(d => d.Name), Has.All.StartWith("/_/"), "ContinuousIntegrationBuild (CI=true) maps local paths away.");
        var embedded = documents.Where(d => reader.GetCustomDebugInformation(d.Handle)
            .Any(info => reader.GetGuid(reader.GetCustomDebugInformation(info).Kind) == EmbeddedSourceKind)).Select(d => d.Name);
        Assert.That(embedded, Has.Some.EndsWith("AssemblyInfo.cs"), "EmbedUntrackedSources puts generated files in the PDB.");
    }

    [TestCaseSource(typeof(PackedFeed), nameof(PackedFeed.PackageIds))]
    public async Task Symbol_package_pdb_links_its_sources_to_the_commit_on_github_and_nowhere_else(string id)
    {
        using var pdb = Pdb(id);
        var reader = pdb.GetMetadataReader();
        var sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(reader.GetCustomDebugInformation)
            .Where(info => reader.GetGuid(info.Kind) == SourceLinkKind)
            .Select(info => Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
            .SingleOrDefault();

        // SourceLink maps to the URL of the clone's `origin` remote. A clone without a GitHub origin (a local
        // worktree, a CI checkout from a mirror) must get no SourceLink document rather than a wrong one.
        var origin = await GitOriginAsync();
        if (origin is null || !origin.Contains("github.com", StringComparison.OrdinalIgnoreCase))
        {
            Assert.That(sourceLink, Is.Null, $"origin is {origin ?? "missing"}: no GitHub URL to link to.");
            return;
        }

        var commit = Nuspec(id).Element(Nuspec(id).Name.Namespace + "repository")?.Attribute("commit")?.Value;
        Assert.That(sourceLink, Is.Not.Null.And.Contain("https://raw.githubusercontent.com/").And.Contain($"/{commit}/"));
    }

    [Test]
    public void Core_depends_on_fido2_4_3_2_and_extensions_10()
    {
        var dependencies = Dependencies("Passkeys.Core");
        Assert.That(dependencies.Keys, Is.EquivalentTo(new[]
        {
            "Fido2", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Diagnostics",
            "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options",
        }));
        Assert.That(dependencies["Fido2"], Is.EqualTo("4.3.2"));
        Assert.That(dependencies.Where(d => d.Key.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)).Select(d => d.Value), Has.All.Match(@"^10\.0\.\d+$"));
    }

    [Test]
    public void AspNetCore_uses_the_shared_framework_and_ships_passkeys_js_as_a_static_web_asset()
    {
        var dependencies = Dependencies("Passkeys.AspNetCore");
        Assert.That(dependencies.Keys, Is.EquivalentTo(new[] { "Passkeys.Core", "MailKit" }), "No NuGet package for ASP.NET Core itself.");
        Assert.That(dependencies["Passkeys.Core"], Is.EqualTo(PackedFeed.Version));

        var metadata = Nuspec("Passkeys.AspNetCore");
        var frameworks = metadata.Descendants(metadata.Name.Namespace + "frameworkReference").Select(e => e.Attribute("name")?.Value);
        Assert.That(frameworks, Is.EquivalentTo(new[] { "Microsoft.AspNetCore.App" }));

        using var package = Open("Passkeys.AspNetCore", "nupkg");
        Assert.That(package.Entries.Select(e => e.FullName), Does.Contain("staticwebassets/passkeys.js").And.Contain("build/Microsoft.AspNetCore.StaticWebAssets.props"));
        Assert.That(Read(package, "staticwebassets/passkeys.js"), Is.EqualTo(File.ReadAllText(Path.Combine(Repository.Root, "src", "Passkeys.AspNetCore", "wwwroot", "passkeys.js"))));
        Assert.That(Read(package, "build/Microsoft.AspNetCore.StaticWebAssets.props"), Does.Contain("<BasePath>_content/Passkeys.AspNetCore</BasePath>"));
    }

    [Test]
    public void EntityFramework_depends_on_core_and_ef_core_10()
    {
        var dependencies = Dependencies("Passkeys.EntityFramework");
        Assert.That(dependencies.Keys, Is.EquivalentTo(new[]
        {
            "Passkeys.Core", "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Relational",
            "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Logging.Abstractions",
        }));
        Assert.That(dependencies["Passkeys.Core"], Is.EqualTo(PackedFeed.Version));
        Assert.That(dependencies.Where(d => d.Key.StartsWith("Microsoft.", StringComparison.Ordinal)).Select(d => d.Value), Has.All.Match(@"^10\.0\.\d+$"));
    }

    [Test]
    public void Testing_depends_on_core_nunit_4_and_the_fake_time_provider()
    {
        var dependencies = Dependencies("Passkeys.Testing");
        Assert.That(dependencies.Keys, Is.EquivalentTo(new[] { "Passkeys.Core", "NUnit", "Microsoft.Extensions.TimeProvider.Testing" }));
        Assert.That(dependencies["Passkeys.Core"], Is.EqualTo(PackedFeed.Version));
        Assert.That(dependencies["NUnit"], Does.Match(@"^4\."));
    }

    [TestCaseSource(typeof(PackedFeed), nameof(PackedFeed.PackageIds))]
    public void Dependencies_are_lower_bounds_for_net10_and_nothing_build_time_leaks(string id)
    {
        var metadata = Nuspec(id);
        var groups = metadata.Descendants(metadata.Name.Namespace + "group").Where(g => g.Parent?.Name.LocalName == "dependencies").ToList();
        Assert.That(groups.Select(g => g.Attribute("targetFramework")?.Value), Is.EqualTo(new[] { "net10.0" }));
        Assert.That(Dependencies(id).Values, Has.None.StartWith("[").And.None.StartWith("("), "A bare version is a minimum; ranges and pins are not wanted.");
        Assert.That(Dependencies(id).Keys, Has.None.Contains("Analyzers").And.None.EqualTo("Microsoft.SourceLink.GitHub"), "Build-time packages are PrivateAssets.");
    }

    private static MetadataReaderProvider Pdb(string id)
    {
        using var symbols = Open(id, "snupkg");
        var pdb = new MemoryStream();
        using (var entry = symbols.GetEntry($"lib/net10.0/{id}.pdb")!.Open())
        {
            entry.CopyTo(pdb);
        }

        pdb.Position = 0;
        return MetadataReaderProvider.FromPortablePdbStream(pdb);
    }

    private static async Task<string?> GitOriginAsync()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", Repository.Root, "remote", "get-url", "origin"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var url = (await git.StandardOutput.ReadToEndAsync()).Trim();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 && url.Length > 0 ? url : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static ZipArchive Open(string id, string extension) =>
        ZipFile.OpenRead(Path.Combine(PackedFeed.Directory, $"{id}.{PackedFeed.Version}.{extension}"));

    private static string Read(ZipArchive package, string path)
    {
        var entry = package.GetEntry(path);
        Assert.That(entry, Is.Not.Null, $"The package has {path}.");
        using var reader = new StreamReader(entry!.Open());
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    private static XElement Nuspec(string id)
    {
        using var package = Open(id, "nupkg");
        var document = XDocument.Parse(Read(package, $"{id}.nuspec"));
        return document.Root!.Element(document.Root.Name.Namespace + "metadata")!;
    }

    private static Dictionary<string, string> Dependencies(string id)
    {
        var metadata = Nuspec(id);
        return metadata.Descendants(metadata.Name.Namespace + "dependency")
            .ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value, StringComparer.Ordinal);
    }

    private static string Value(XElement metadata, string name) => metadata.Element(metadata.Name.Namespace + name)?.Value ?? "";
}
