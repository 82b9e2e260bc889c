using System.Text.RegularExpressions;
using QuickStart.Tests.Infrastructure;

namespace QuickStart.Tests;

/// <summary>
/// Fast checks of the documentation the packages and the quick start rely on; they need no packing.
/// </summary>
public sealed partial class ReadmeTests
{
    private static IEnumerable<string> PackageProjects => Repository.PackageProjects;

    [Test]
    public void Readme_first_code_block_is_still_the_sample_and_test_commands()
    {
        var first = FencedBlock().Match(Repository.Readme).Groups["code"].Value;
        Assert.That(first, Does.StartWith("dotnet run --project samples/DemoSite"));
        Assert.That(first.Split('\n')[1], Does.StartWith("dotnet test"));
    }

    [Test]
    public void Readme_quick_start_marks_the_commands_program_settings_and_page_it_is_tested_with()
    {
        var readme = Repository.Readme;
        Assert.That(ReadmeBlocks.Of(readme, "quickstart").Select(b => b.Key), Is.EqualTo(new[] { "shell", "Program.cs", "appsettings.json", "wwwroot/index.html" }));
        Assert.That(ReadmeBlocks.Single(readme, "quickstart", "shell"), Does.Contain("dotnet new web").And.Contain("dotnet add package Passkeys.AspNetCore"));
        Assert.That(ReadmeBlocks.Single(readme, "quickstart", "Program.cs"), Does.Contain(".AddInMemoryStores()").And.Contain("app.MapPasskeys()"));
        Assert.That(ReadmeBlocks.Single(readme, "quickstart", "wwwroot/index.html"), Does.Contain("/_content/Passkeys.AspNetCore/passkeys.js"));
        Assert.That(ReadmeBlocks.Of(readme, "quickstart-ef").Select(b => b.Key), Is.EqualTo(new[] { "shell", "AppDbContext.cs", "Program.cs" }));
        Assert.That(ReadmeBlocks.Single(readme, "quickstart-ef", "Program.cs"), Does.Contain(".AddEntityFrameworkStores<AppDbContext>()"));
    }

    [Test]
    public void Readme_links_every_document_in_docs_and_every_relative_link_resolves()
    {
        var links = MarkdownLink().Matches(Repository.Readme).Select(m => m.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#'))
            .Select(target => target.Split('#')[0])
            .ToList();
        var documents = Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Select(path => "docs/" + Path.GetFileName(path));
        Assert.That(links, Is.SupersetOf(documents));
        Assert.That(links.Where(link => !File.Exists(Path.Combine(Repository.Root, link))), Is.Empty, "Links to files that do not exist.");
    }

    [TestCaseSource(nameof(PackageProjects))]
    public void Package_readme_has_about_how_to_use_and_main_types(string project)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "src", project, "README.md"));
        Assert.That(readme, Does.StartWith($"# {project}\n"));
        var headings = Heading().Matches(readme).Select(m => m.Groups["title"].Value.Trim());
        Assert.That(headings, Is.SupersetOf(new[] { "About", "How to use", "Main types" }));
    }

    [TestCaseSource(nameof(PackageProjects))]
    public void Package_declares_its_public_api_with_nullable_annotations(string project)
    {
        foreach (var file in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
        {
            var path = Path.Combine(Repository.Root, "src", project, file);
            Assert.That(File.Exists(path), Is.True, $"{project} has {file}.");
            Assert.That(File.ReadAllLines(path).FirstOrDefault(), Is.EqualTo("#nullable enable"), $"{project}/{file} starts with #nullable enable.");
        }
    }

    [GeneratedRegex(@"^```[^\n]*\n(?<code>.*?)\n```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^## (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
