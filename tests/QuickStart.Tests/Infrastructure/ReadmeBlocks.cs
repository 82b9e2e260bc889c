using System.Text.RegularExpressions;

namespace QuickStart.Tests.Infrastructure;

/// <summary>
/// The code blocks of README.md that a marker names: <c>&lt;!-- quickstart:Program.cs --&gt;</c> right above a fenced
/// block says "this block is the file Program.cs of the quick start"; <c>quickstart:shell</c> is the commands to run.
/// The quick-start tests apply exactly these blocks, so the README cannot drift from what works.
/// </summary>
internal static partial class ReadmeBlocks
{
    /// <summary>Gets the blocks marked <c>&lt;!-- {section}:{name} --&gt;</c>, by name, in README order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(string readme, string section)
    {
        var blocks = new List<KeyValuePair<string, string>>();
        foreach (Match match in Marked().Matches(readme.ReplaceLineEndings("\n")))
        {
            if (match.Groups["section"].Value == section)
            {
                blocks.Add(new(match.Groups["name"].Value, match.Groups["code"].Value + "\n"));
            }
        }

        return blocks;
    }

    /// <summary>Gets the one block marked <c>&lt;!-- {section}:{name} --&gt;</c>.</summary>
    public static string Single(string readme, string section, string name)
    {
        var found = Of(readme, section).Where(b => b.Key == name).Select(b => b.Value).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"README.md has one code block marked <!-- {section}:{name} -->.");
        return found[0];
    }

    [GeneratedRegex(@"<!-- (?<section>[a-z-]+):(?<name>\S+) -->\n+```[^\n]*\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex Marked();
}
