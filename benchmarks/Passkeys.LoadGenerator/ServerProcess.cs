using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Passkeys.LoadGenerator;

/// <summary>One benchmark server running as a child process on a free port; its CPU and memory come from /proc.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(string name, Process process, StreamWriter log, int port, bool hasStats)
    {
        HasStats = hasStats;
        Name = name;
        _process = process;
        _log = log;
        Port = port;
        Origin = $"http://localhost:{port}";
    }

    public string Name { get; }

    public int Port { get; }

    public string Origin { get; }

    public int Pid => _process.Id;

    /// <summary>Gets whether the server answers <c>/bench/stats</c> (the sample site does not: it is not changed for the benchmark).</summary>
    public bool HasStats { get; }

    public static Task<ServerProcess> StartAsync(string name, string project, string workDir, params string[] args)
        => StartAsync(name, project, workDir, new Dictionary<string, string>(), args);

    /// <summary>Starts a server with extra environment variables (for example <c>DOTNET_gcServer</c>).</summary>
    public static Task<ServerProcess> StartAsync(string name, string project, string workDir, IReadOnlyDictionary<string, string> environment, params string[] args)
        => StartCoreAsync(name, Paths.ServerOutput(project), project, hasStats: true, workDir, environment, args);

    /// <summary>Starts <c>samples/DemoSite</c> itself, configured through its own settings only.</summary>
    public static Task<ServerProcess> StartSampleAsync(string name, string workDir, params string[] args)
        => StartCoreAsync(name, Paths.SampleOutput, "DemoSite", hasStats: false, workDir, new Dictionary<string, string>(), args);

    private static async Task<ServerProcess> StartCoreAsync(
        string name, string output, string executable, bool hasStats, string workDir, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var port = FreePort();
        var app = Path.Combine(output, executable);
        var info = new ProcessStartInfo(app)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The content root is the server's own folder: the host watches it for configuration changes, and would
        // otherwise read an event for every write the servers' databases make in the work folder.
        var origin = $"http://localhost:{port}";
        foreach (var arg in (string[])["--urls", origin, "--Origin", origin, "--Passkeys:Origins:0", origin, "--contentRoot", output, .. args])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(workDir, $"{Slug(name)}-{port}.log")) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {app}.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(name, process, log, port, hasStats);
        await server.WaitUntilReadyAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Runs a server to completion (for example <c>--SchemaOnly true</c>) and throws when it fails.</summary>
    public static async Task RunToEndAsync(string project, string workDir, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(Paths.ServerOutput(project), project)) { WorkingDirectory = workDir, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{project} {string.Join(' ', args)} exited with {process.ExitCode}.");
        }
    }

    /// <summary>User plus system CPU time of the server so far (utime + stime of /proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // After the command name: field 3 is index 0, so utime (14) and stime (15) are indexes 11 and 12.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>Resident set size now (VmRSS) and its peak (VmHWM), in MiB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = KiB(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = KiB(line) / 1024.0;
            }
        }

        return (rss, peak);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        await _log.DisposeAsync().ConfigureAwait(false);
    }

    private const int ClockTicksPerSecond = 100; // USER_HZ on Linux.

    private static long KiB(string line)
        => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static string Slug(string name) => new([.. name.Where(char.IsLetterOrDigit)]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} at start-up; see its log in the work directory.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(HasStats ? $"{Origin}/bench/stats" : Origin)).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} did not answer within 60 seconds.");
    }
}
