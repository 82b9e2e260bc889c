using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Passkeys.Stores;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// A real engine over in-memory stores and a fake clock, built through the public DI entry points.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    public const string Origin = "https://localhost";

    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    public EngineHarness(Action<PasskeyOptions>? configure = null, Action<IServiceCollection>? services = null, AssertionPath path = AssertionPath.Fast)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddPasskeysCore(o =>
        {
            o.RelyingPartyId = "localhost";
            o.RelyingPartyName = "Tests";
            o.Origins = [Origin];
            o.UseAssertionFastPath = path == AssertionPath.Fast;
            configure?.Invoke(o);
        }).AddInMemoryStores();
        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope = _provider.CreateScope();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _scope.ServiceProvider;

    public PasskeyEngine Engine => Services.GetRequiredService<PasskeyEngine>();

    public IPasskeyUserStore Users => Services.GetRequiredService<IPasskeyUserStore>();

    public IPasskeyCredentialStore Credentials => Services.GetRequiredService<IPasskeyCredentialStore>();

    public IPasskeyCeremonyStore Ceremonies => Services.GetRequiredService<IPasskeyCeremonyStore>();

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
    }
}
