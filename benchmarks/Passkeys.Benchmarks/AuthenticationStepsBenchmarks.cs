using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Engine;

namespace Passkeys.Benchmarks;

/// <summary>
/// The steps <see cref="PasskeyEngine.CompleteAuthenticationAsync"/> takes besides Fido2's verification, one at a
/// time on the same inputs as <see cref="AuthenticationBenchmarks"/>, to show where the engine's overhead goes.
/// The baseline is the parse the bare Fido2 path does; the engine does every other row in addition.
/// </summary>
[MemoryDiagnoser]
public class AuthenticationStepsBenchmarks
{
    private BenchmarkHost _host = null!;
    private PasskeyMetrics _metrics = null!;
    private string _optionsJson = null!;
    private string _assertionJson = null!;
    private AuthenticatorAssertionRawResponse _response = null!;
    private PasskeyCredential _credential = null!;
    private string _userId = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _host = new BenchmarkHost();
        _metrics = _host.Services.GetRequiredService<PasskeyMetrics>();
        var authenticator = BenchmarkHost.CreateAuthenticator();
        var registration = _host.Register(authenticator, "alice");
        _credential = registration.Credential;
        _userId = registration.User.Id;
        _optionsJson = BenchmarkHost.Require(_host.Engine.BeginAuthenticationAsync().GetAwaiter().GetResult(), "BeginAuthenticationAsync").OptionsJson;
        _assertionJson = authenticator.GetAssertion(_optionsJson);
        _response = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(_assertionJson)!;
        if (!ParseLikeEngine())
        {
            throw new InvalidOperationException("The engine's parser refused the assertion.");
        }
    }

    [Benchmark(Baseline = true)]
    public AuthenticatorAssertionRawResponse ParseLikeFido2() => JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(_assertionJson)!;

    [Benchmark]
    public bool ParseLikeEngine() => ResponseParser.TryParseAssertion(_assertionJson, 64 * 1024, out _, out _);

    /// <summary>A copy of the engine's private client data type check (a <see cref="JsonDocument"/> parse).</summary>
    [Benchmark]
    public bool ClientDataTypeCheck()
    {
        var reader = new Utf8JsonReader(_response.Response.ClientDataJson);
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("type", out var type) && type.ValueEquals("webauthn.get");
    }

    [Benchmark]
    public AssertionOptions OptionsFromJson() => AssertionOptions.FromJson(_optionsJson);

    /// <summary>The engine only takes; a ceremony must be saved to be taken, so this is an upper bound.</summary>
    [Benchmark]
    public async Task<PasskeyCeremony?> CeremonySaveAndTake()
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        await _host.Ceremonies.SaveAsync(new PasskeyCeremony(id, PasskeyCeremonyKind.Authentication, _optionsJson, DateTimeOffset.MaxValue), CancellationToken.None).ConfigureAwait(false);
        return await _host.Ceremonies.TakeAsync(id, CancellationToken.None).ConfigureAwait(false);
    }

    [Benchmark]
    public Task<PasskeyCredential?> CredentialFindById() => _host.Credentials.FindByIdAsync(_response.RawId, CancellationToken.None);

    [Benchmark]
    public Task<PasskeyUser?> UserFindById() => _host.Users.FindByIdAsync(_userId, CancellationToken.None);

    [Benchmark]
    public AuthenticatorData AuthenticatorDataParse() => AuthenticatorData.Parse(_response.Response.AuthenticatorData);

    [Benchmark]
    public Task<bool> CredentialUpdateUsage() => _host.Credentials.UpdateUsageAsync(_credential, 0, CancellationToken.None);

    [Benchmark]
    public void RecordMetrics()
    {
        var started = _host.Clock.GetTimestamp();
        _metrics.Completed(PasskeyCeremonyKind.Authentication, null, _host.Clock.GetElapsedTime(started));
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _host.Dispose();
}
