using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>
/// The sample site as a real process, started from its build output the way <c>dotnet DemoSite.dll</c> runs it:
/// on a free port of localhost, with a database file and an email pickup folder of its own in the temp folder.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiteProcess(Process process, Uri address, string databaseFile, string pickupDirectory)
    {
        _process = process;
        Address = address;
        DatabaseFile = databaseFile;
        PickupDirectory = pickupDirectory;
    }

    /// <summary>Gets where the site listens, <c>http://localhost:{port}/</c>; also its passkey origin.</summary>
    public Uri Address { get; }

    public string DatabaseFile { get; }

    /// <summary>Gets the folder the site writes its emails to, as <c>.eml</c> files.</summary>
    public string PickupDirectory { get; }

    /// <summary>Gets what the site wrote to its standard output and error so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the site and waits until its home page answers; fails with the site's log when it does not.</summary>
    /// <param name="settings">Configuration of this site only, as environment variables (<c>Passkeys__…</c>).</param>
    /// <param name="httpsPort">A port of 127.0.0.1 where the site also listens over https (its certificate given in <paramref name="settings"/>), or <see langword="null"/>.</param>
    public static async Task<SiteProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, int? httpsPort = null)
    {
        var assembly = typeof(SiteProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "DemoSiteAssembly").Value;
        if (string.IsNullOrEmpty(assembly) || !File.Exists(assembly))
        {
            Assert.Fail($"The sample site was not built at '{assembly}': build tests/DemoSite.BrowserTests (it builds samples/DemoSite first).");
        }

        var port = FreePort();
        var address = new Uri($"http://localhost:{port}/");
        var origin = address.GetLeftPart(UriPartial.Authority);
        var databaseFile = Path.Combine(Path.GetTempPath(), $"demosite-browser-{Guid.NewGuid():N}.db");
        var pickupDirectory = Directory.CreateTempSubdirectory("demosite-browser-mail-").FullName;
        var startInfo = new ProcessStartInfo("dotnet", [assembly!])
        {
            // The content root: appsettings.json and the static web assets manifest sit beside the assembly.
            WorkingDirectory = Path.GetDirectoryName(assembly),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_URLS"] = httpsPort is { } https ? $"{origin};https://127.0.0.1:{https}" : origin;
        startInfo.Environment["Passkeys__Origins__0"] = origin;
        startInfo.Environment["Passkeys__RateLimitPermitLimit"] = "100000";
        startInfo.Environment["ConnectionStrings__Passkeys"] = $"Data Source={databaseFile}";
        startInfo.Environment["Email__PickupDirectory"] = pickupDirectory;

        // Every test browser comes from 127.0.0.1, and every sign-up sends a verification email: the per-client limit
        // would refuse the suite's eleventh. The per-address limit stays as shipped.
        startInfo.Environment["Email__ClientPermitLimit"] = "100000";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var site = new SiteProcess(process, address, databaseFile, pickupDirectory);
        process.OutputDataReceived += (_, e) => site.Append(e.Data);
        process.ErrorDataReceived += (_, e) => site.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await site.WaitUntilItAnswersAsync();
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }

        return site;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
        {
            File.Delete(file);
        }

        Directory.Delete(PickupDirectory, recursive: true);
    }

    private async Task WaitUntilItAnswersAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The sample site stopped at start-up (exit code {_process.ExitCode}). Its log:\n{Log}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                Assert.Fail($"The sample site did not answer at {Address} within {StartTimeout.TotalSeconds:0} s. Its log:\n{Log}");
            }

            await poll.WaitForNextTickAsync();
        }
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
