using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Passkeys.Fuzz;

/// <summary>
/// The smallest app with every endpoint that reads a body: <c>AddPasskeys()</c> with in-memory stores and email
/// login (to a pickup directory), <c>MapPasskeys()</c>, no rate limits, over the test server. Started once per process.
/// </summary>
/// <remarks>
/// Under afl-fuzz one process runs hundreds of thousands of inputs, each starting a ceremony that is never finished:
/// <see cref="Time"/> moves past the ceremony lifetime before each input, so they expire rather than fill the
/// in-memory store (whose designed answer when full, 503 <c>too_many_ceremonies</c>, is not a finding).
/// </remarks>
internal static class BodyHost
{
    public const string Origin = "https://localhost";

    private static readonly Lazy<HttpClient> LazyClient = new(Start);

    public static HttpClient Client => LazyClient.Value;

    public static FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    private static HttpClient Start()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddSingleton<TimeProvider>(Time);
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
