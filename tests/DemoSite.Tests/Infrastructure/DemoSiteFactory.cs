using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DemoSite.Tests.Infrastructure;

/// <summary>
/// The sample site over the test server, as <c>dotnet run</c> starts it (Production environment, SQLite,
/// migrations applied at start-up), but on a database file of its own in the temp folder, reached at
/// http://localhost, and with settings a test may add.
/// </summary>
public sealed class DemoSiteFactory : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";

    /// <summary>A test-only address that signs a user in the way an email link will (<c>amr</c> = <c>email</c>).</summary>
    public const string EmailSignInPath = "/test-only/sign-in-by-email";

    private readonly Dictionary<string, string?> _settings;

    public DemoSiteFactory(IDictionary<string, string?>? settings = null)
    {
        DatabaseFile = Path.Combine(Path.GetTempPath(), $"demosite-tests-{Guid.NewGuid():N}.db");
        _settings = new(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Passkeys"] = $"Data Source={DatabaseFile}",
            ["Passkeys:Origins:0"] = Origin,
            ["Passkeys:RateLimitPermitLimit"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DatabaseFile { get; }

    public SiteBrowser CreateBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new EmailSignInStartupFilter(EmailSignInPath)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
