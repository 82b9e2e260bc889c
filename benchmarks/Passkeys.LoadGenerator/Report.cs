using System.Text;

namespace Passkeys.LoadGenerator;

/// <summary>Collects the run's Markdown, prints each part as it comes and writes benchmarks/results/http-load-&lt;mode&gt;.md.</summary>
internal sealed class Report(Settings settings)
{
    private readonly StringBuilder _text = new();

    public void Line(string line = "")
    {
        Console.WriteLine(line);
        _text.AppendLine(line);
    }

    public void Write()
    {
        Directory.CreateDirectory(Paths.Results);
        var header = $"# HTTP load run ({settings.Mode}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n"
            + $"{Environment.ProcessorCount} cores, load average at the end {LoadAverage()}, .NET {Environment.Version}; "
            + $"{settings.Rounds} alternating rounds of {settings.RoundDuration.TotalSeconds:0.#} s per server and level; "
            + (settings.DeviceBound
                ? "device-bound passkeys (the sign count grows with every use).\n\n"
                : "synced passkeys (sign count always zero, backed up, as iCloud Keychain and Google Password Manager make them).\n\n");
        var path = Path.Combine(Paths.Results, $"http-load-{settings.Mode}.md");
        File.WriteAllText(path, header + _text);
        Console.WriteLine($"Wrote {path}");
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
