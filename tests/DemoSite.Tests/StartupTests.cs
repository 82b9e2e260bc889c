using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace DemoSite.Tests;

/// <summary>
/// The site as a real process on Kestrel, the way <c>dotnet run</c> starts it: what a newcomer sees in the log,
/// and that the environment moves it (appsettings.json must not win over <c>ASPNETCORE_URLS</c>).
/// </summary>
public class StartupTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Environment_moves_the_site_to_another_address_and_the_log_says_where_it_its_database_and_its_emails_are()
    {
        var address = $"http://localhost:{FreePort()}";
        var database = Path.Combine(Path.GetTempPath(), $"demosite-start-{Guid.NewGuid():N}.db");
        var log = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startInfo = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ASPNETCORE_URLS"] = address;
        startInfo.Environment["Passkeys__Origins__0"] = address;
        startInfo.Environment["ConnectionStrings__Passkeys"] = $"Data Source={database}";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";

        // A process that dies at start-up (say, the port is taken) ends the wait at once; the log says why.
        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.Exited += (_, _) => ready.TrySetResult();
        process.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Demo site ready", StringComparison.Ordinal) == true || e.Data?.Contains("will fail", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
            using var module = await client.GetAsync(new Uri("/_content/Passkeys.AspNetCore/passkeys.js", UriKind.Relative));

            string text;
            lock (log)
            {
                text = log.ToString();
            }

            Assert.Multiple(() =>
            {
                Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
                Assert.That(module.StatusCode, Is.EqualTo(HttpStatusCode.OK), "The library's module is served outside Development too.");
                Assert.That(text, Does.Contain($"Now listening on: {address}"));
                Assert.That(text, Does.Contain($"Demo site ready: open {address} in a browser"));
                Assert.That(text, Does.Contain($"Database ready: SQLite file {database}"));
                Assert.That(File.Exists(database), Is.True);
                Assert.That(text, Does.Contain($"Emails are not sent: each one is written as an .eml file to {Path.Combine(AppContext.BaseDirectory, "mail")}"));
            });
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
