using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuickStart.Tests.Infrastructure;

/// <summary>
/// A quick-start app running in its own process on a free loopback port, and an HTTP client for it that keeps
/// cookies and sends the page's Origin, as a browser does. Disposing it kills the process.
/// </summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningApp(Process process, int port)
    {
        _process = process;
        Port = port;
        Origin = $"http://localhost:{port}";
        Client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Origin),
            Timeout = TimeSpan.FromSeconds(30),
        };
        Client.DefaultRequestHeaders.Add("Origin", Origin);
    }

    public int Port { get; }

    /// <summary>Gets the origin the browser would show, <c>http://localhost:{port}</c>.</summary>
    public string Origin { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="dll"/> with <c>dotnet</c> in <paramref name="contentRoot"/>, on a free port, with the
    /// <c>Passkeys:Origins</c> the README says to set by environment, and waits until it answers.
    /// </summary>
    public static async Task<RunningApp> StartAsync(string contentRoot, string dll, string environmentName, int? port = null)
    {
        var chosenPort = port ?? FreePort();
        var start = DotnetCli.CreateStartInfo(contentRoot, [dll, "--urls", $"http://localhost:{chosenPort}"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["Passkeys__Origins__0"] = $"http://localhost:{chosenPort}",
        });
        start.Environment.Remove("ASPNETCORE_URLS");
        var process = new Process { StartInfo = start };
        var app = new RunningApp(process, chosenPort);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"The app exited with code {process.ExitCode} before it answered:\n{app.Output}");
            }

            try
            {
                using var response = await app.Client.GetAsync("/");
                TestContext.Progress.WriteLine($"  app answered on port {chosenPort} after {started.Elapsed.TotalSeconds:0.0} s");
                return app;
            }
            catch (HttpRequestException) when (started.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
