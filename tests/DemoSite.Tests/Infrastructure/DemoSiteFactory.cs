using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DemoSite.Tests.Infrastructure;

/// <summary>
/// The sample site over the test server, as <c>dotnet run</c> starts it (Production environment, SQLite,
/// migrations applied at start-up), but on a database file and an email pickup folder of its own in the temp
/// folder, reached at http://localhost, and with settings a test may add.
/// </summary>
public sealed class DemoSiteFactory : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";

    private readonly Dictionary<string, string?> _settings;

    public DemoSiteFactory(IDictionary<string, string?>? settings = null)
    {
        DatabaseFile = Path.Combine(Path.GetTempPath(), $"demosite-tests-{Guid.NewGuid():N}.db");
        Mailbox = new Mailbox(Path.Combine(Path.GetTempPath(), $"demosite-tests-mail-{Guid.NewGuid():N}"));
        _settings = new(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Passkeys"] = $"Data Source={DatabaseFile}",
            ["Passkeys:Origins:0"] = Origin,
            ["Passkeys:RateLimitPermitLimit"] = "100000",
            ["Email:PickupDirectory"] = Mailbox.Directory,

            // Every test client comes from the same (unknown) address; the per-address limit stays as shipped.
            ["Email:ClientPermitLimit"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DatabaseFile { get; }

    /// <summary>Gets the folder the site writes its emails to, as a mailbox.</summary>
    public Mailbox Mailbox { get; }

    /// <summary>Creates a browser with a passkey provider of its own, or with <paramref name="authenticator"/> (another browser's).</summary>
    public SiteBrowser CreateBrowser(Passkeys.Testing.SoftwareAuthenticator? authenticator = null)
        => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), Mailbox, Origin, authenticator);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
        {
            File.Delete(file);
        }

        if (Directory.Exists(Mailbox.Directory))
        {
            Directory.Delete(Mailbox.Directory, recursive: true);
        }
    }
}
