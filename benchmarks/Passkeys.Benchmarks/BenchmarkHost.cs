using Fido2NetLib;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Stores;
using Passkeys.Testing;

namespace Passkeys.Benchmarks;

/// <summary>
/// The engine as an application gets it (<c>AddPasskeysCore().AddInMemoryStores()</c>, no logging provider),
/// and the very <see cref="IFido2"/> instance it calls, so the bare Fido2 baselines use the same configuration.
/// </summary>
public sealed class BenchmarkHost : IDisposable
{
    public const string Origin = "https://localhost";

    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    public BenchmarkHost()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddPasskeysCore(o =>
        {
            o.RelyingPartyId = "localhost";
            o.Origins = [Origin];
        }).AddInMemoryStores();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // The engine is scoped (one per request); one scope serves the whole benchmark, so scope creation is not measured.
        _scope = _provider.CreateScope();
        Engine = _scope.ServiceProvider.GetRequiredService<PasskeyEngine>();
        Fido2 = _provider.GetRequiredService<IFido2>();
        Ceremonies = _provider.GetRequiredService<IPasskeyCeremonyStore>();
        Users = _provider.GetRequiredService<IPasskeyUserStore>();
        Credentials = _provider.GetRequiredService<IPasskeyCredentialStore>();
    }

    public SteppingTimeProvider Clock { get; } = new();

    public PasskeyEngine Engine { get; }

    public IFido2 Fido2 { get; }

    public IPasskeyCeremonyStore Ceremonies { get; }

    public IPasskeyUserStore Users { get; }

    public IPasskeyCredentialStore Credentials { get; }

    public IServiceProvider Services => _provider;

    /// <summary>
    /// A software authenticator whose counter stays at zero, so one signed assertion can be verified again and again.
    /// </summary>
    public static SoftwareAuthenticator CreateAuthenticator() => new()
    {
        Origin = Origin,
        Algorithm = SoftwareKeyAlgorithm.ES256,
        Counter = SoftwareCounter.AlwaysZero,
    };

    /// <summary>
    /// Registers a user with one passkey through the engine and returns what was stored.
    /// </summary>
    public PasskeyRegistration Register(SoftwareAuthenticator authenticator, string userName)
    {
        var start = Require(Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName)).GetAwaiter().GetResult(), "BeginRegistrationAsync");
        var response = authenticator.CreateCredential(start.OptionsJson);
        return Require(Engine.CompleteRegistrationAsync(start.CeremonyId, response).GetAwaiter().GetResult(), "CompleteRegistrationAsync");
    }

    /// <summary>
    /// Throws unless the engine succeeded, so no benchmark can quietly measure a failure path.
    /// </summary>
    public static T Require<T>(PasskeyResult<T> result, string what) where T : class
        => result.Succeeded ? result.Value : throw new InvalidOperationException($"{what} failed: {result.Error?.Code} {result.Error?.Message}");

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
    }
}
