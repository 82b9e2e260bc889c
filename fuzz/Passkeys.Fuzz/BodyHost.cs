using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Passkeys.Fuzz;

/// <summary>
/// The smallest app with every endpoint that reads a body: <c>AddPasskeys()</c> with in-memory stores and email
/// login (to a pickup directory), <c>MapPasskeys()</c>, no rate limits, over the test server. Started once per process.
/// </summary>
internal static class BodyHost
{
    public const string Origin = "https://localhost";

    private static readonly Lazy<HttpClient> LazyClient = new(Start);

    public static HttpClient Client => LazyClient.Value;

    private static HttpClient Start()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddPasskeys(o =>
            {
                o.RelyingPartyId = "localhost";
                o.RelyingPartyName = "Fuzz";
                o.Origins = [Origin];
            })
            .ConfigureHttp(o => o.RateLimitPermitLimit = int.MaxValue)
            .AddInMemoryStores()
            .AddEmailLogin(o =>
            {
                o.From = "no-reply@localhost";
                o.PickupDirectory = Path.Combine(Path.GetTempPath(), "passkeys-fuzz-mail");
                o.AddressPermitLimit = int.MaxValue;
                o.ClientPermitLimit = int.MaxValue;
            });

        var app = builder.Build();
        app.MapPasskeys();
        app.StartAsync().GetAwaiter().GetResult();
        var client = app.GetTestServer().CreateClient();
        client.BaseAddress = new Uri(Origin);
        return client;
    }
}
