using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A minimal app over the test server: <c>AddPasskeys()</c> with in-memory stores, a fake clock, the rate
/// limiter and <c>MapPasskeys()</c>, reached over https://localhost by clients that keep cookies.
/// </summary>
internal sealed class PasskeysTestHost : IAsyncDisposable
{
    public const string Origin = "https://localhost";

    private readonly WebApplication _app;

    private PasskeysTestHost(WebApplication app, FakeTimeProvider time, List<string> events)
    {
        _app = app;
        Time = time;
        Events = events;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>Gets the events raised, as "OnSignedIn:userName" and so on.</summary>
    public List<string> Events { get; }

    public IServiceProvider Services => _app.Services;

    public IPasskeyUserStore Users => Services.GetRequiredService<IPasskeyUserStore>();

    public IPasskeyCredentialStore Credentials => Services.GetRequiredService<IPasskeyCredentialStore>();

    public static async Task<PasskeysTestHost> StartAsync(
        Action<PasskeyHttpOptions>? http = null,
        Action<PasskeyOptions>? passkeys = null,
        Action<PasskeysBuilder>? features = null,
        bool useRateLimiter = true,
        Action<WebApplication>? endpoints = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var events = new List<string>();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddPasskeys(o =>
            {
                o.RelyingPartyId = "localhost";
                o.RelyingPartyName = "Tests";
                o.Origins = [Origin];
                passkeys?.Invoke(o);
            })
            .ConfigureHttp(o =>
            {
                o.RateLimitPermitLimit = 100_000;
                o.DefaultReturnUrl = "/home";
                o.Events.OnSignedIn = c => Record(events, $"OnSignedIn:{c.User.UserName}");
                o.Events.OnUserCreated = c => Record(events, $"OnUserCreated:{c.User.UserName}");
                o.Events.OnCredentialAdded = c => Record(events, $"OnCredentialAdded:{c.User.UserName}");
                o.Events.OnCredentialDeleted = c => Record(events, $"OnCredentialDeleted:{c.User.UserName}");
                o.Events.OnAccountDeleted = c => Record(events, $"OnAccountDeleted:{c.User.UserName}:{c.Credentials.Count}");
                o.Events.OnFailure = c => Record(events, $"OnFailure:{c.Operation}:{c.Error.Code}");
                http?.Invoke(o);
            })
            .AddInMemoryStores();
        features?.Invoke(new PasskeysBuilder(builder.Services));

        var app = builder.Build();
        if (useRateLimiter)
        {
            app.UseRateLimiter();
        }

        app.MapPasskeys();
        app.MapGet("/test/claims", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(PasskeysDefaults.AuthenticationScheme);
            return result.Succeeded
                ? Results.Json(result.Principal.Claims.Select(c => new[] { c.Type, c.Value }).ToArray())
                : Results.Unauthorized();
        });
        endpoints?.Invoke(app);
        await app.StartAsync();
        return new PasskeysTestHost(app, time, events);
    }

    /// <summary>Creates a client that keeps cookies like a browser and sends JSON to https://localhost.</summary>
    public TestClient CreateClient() => new(_app.GetTestServer());

    /// <summary>Creates a client that keeps cookies like a browser and sends JSON to <paramref name="origin"/>.</summary>
    public TestClient CreateClient(string origin) => new(_app.GetTestServer(), origin);

    /// <summary>Stores a user with one made-up passkey directly, for tests that need an existing account.</summary>
    public async Task<PasskeyUser> SeedUserAsync(string userName, string? email = null)
    {
        var now = Time.GetUtcNow();
        var user = new PasskeyUser(Guid.NewGuid().ToString("N"), RandomNumberGenerator.GetBytes(32), userName, now) { Email = email };
        var credential = new PasskeyCredential(RandomNumberGenerator.GetBytes(32), user.Id, RandomNumberGenerator.GetBytes(77), 0, Guid.Empty, "none", true, now);
        var result = await Users.CreateAsync(user, credential, CancellationToken.None);
        Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
        return user;
    }

    /// <summary>Marks the user's pending address verified through the store, as an app that checked it elsewhere does.</summary>
    public async Task<PasskeyUser> VerifyEmailAsync(string userName)
    {
        var user = (await Users.FindByNameAsync(userName, CancellationToken.None))!;
        Assert.That(user.PendingEmail, Is.Not.Null, "the user has an address to verify");
        user.Email = user.PendingEmail;
        user.PendingEmail = null;
        Assert.That(await Users.UpdateAsync(user, CancellationToken.None), Is.EqualTo(PasskeyStoreResult.Success));
        return user;
    }

    /// <summary>Counts users and credentials, to show a refused request stored nothing.</summary>
    public async Task<(int Users, int Credentials)> CountAsync(params string[] userNames)
    {
        int users = 0, credentials = 0;
        foreach (var name in userNames)
        {
            if (await Users.FindByNameAsync(name, CancellationToken.None) is { } user)
            {
                users++;
                credentials += (await Credentials.ListByUserAsync(user.Id, CancellationToken.None)).Count;
            }
        }

        return (users, credentials);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task Record(List<string> events, string entry)
    {
        lock (events)
        {
            events.Add(entry);
        }

        return Task.CompletedTask;
    }
}
