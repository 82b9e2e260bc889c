using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace Passkeys.Benchmarks;

/// <summary>
/// Issuing options: bare <see cref="IFido2.RequestNewCredential"/> / <see cref="IFido2.GetAssertionOptions"/> (with
/// the <c>ToJson()</c> any application needs to send them) against <see cref="PasskeyEngine.BeginRegistrationAsync"/>
/// / <see cref="PasskeyEngine.BeginAuthenticationAsync"/> (which also check the input and save the ceremony).
/// </summary>
/// <remarks>
/// Each engine call saves a ceremony. So that the store does not grow for the whole run, <see cref="ExpireCeremonies"/>
/// moves the clock past the ceremony timeout after every iteration and removes them, unmeasured.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[InvocationCount(InvocationsPerIteration)]
public class BeginBenchmarks
{
    public const int InvocationsPerIteration = 8192;

    private static readonly PubKeyCredParam[] Algorithms =
        [new(COSE.Algorithm.ES256), new(COSE.Algorithm.EdDSA), new(COSE.Algorithm.RS256)];

    private readonly PasskeyRegistrationRequest _request = new("alice", "Alice");
    private BenchmarkHost _host = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _host = new BenchmarkHost();

        // Both paths must succeed on these inputs; otherwise the numbers would be those of a failure path.
        if (string.IsNullOrEmpty(Fido2Registration()) || string.IsNullOrEmpty(Fido2Authentication()))
        {
            throw new InvalidOperationException("Fido2 issued no options.");
        }

        _ = EngineRegistration().GetAwaiter().GetResult();
        _ = EngineAuthentication().GetAwaiter().GetResult();
        ExpireCeremonies();
    }

    [IterationCleanup(Targets = [nameof(EngineRegistration), nameof(EngineAuthentication)])]
    public void ExpireCeremonies()
    {
        _host.Clock.Advance(TimeSpan.FromHours(1));
        _ = _host.Ceremonies.RemoveExpiredAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The same creation options the engine asks for, for a new user with a random user handle.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Registration")]
    public string Fido2Registration() => _host.Fido2.RequestNewCredential(new RequestNewCredentialParams
    {
        User = new Fido2User
        {
            Id = RandomNumberGenerator.GetBytes(PasskeysDefaults.MinUserHandleLength),
            Name = _request.UserName,
            DisplayName = _request.DisplayName!,
        },
        ExcludeCredentials = [],
        AuthenticatorSelection = new AuthenticatorSelection
        {
            ResidentKey = ResidentKeyRequirement.Required,
            UserVerification = UserVerificationRequirement.Required,
        },
        AttestationPreference = AttestationConveyancePreference.None,
        PubKeyCredParams = Algorithms,
        Extensions = new AuthenticationExtensionsClientInputs { CredProps = true },
    }).ToJson();

    [Benchmark]
    [BenchmarkCategory("Registration")]
    public async Task<PasskeyCeremonyStart> EngineRegistration()
        => BenchmarkHost.Require(await _host.Engine.BeginRegistrationAsync(_request).ConfigureAwait(false), "BeginRegistrationAsync");

    /// <summary>Discoverable sign-in options (no allowed credentials), as the engine issues without a user name.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Authentication")]
    public string Fido2Authentication() => _host.Fido2.GetAssertionOptions(new GetAssertionOptionsParams
    {
        AllowedCredentials = [],
        UserVerification = UserVerificationRequirement.Required,
    }).ToJson();

    [Benchmark]
    [BenchmarkCategory("Authentication")]
    public async Task<PasskeyCeremonyStart> EngineAuthentication()
        => BenchmarkHost.Require(await _host.Engine.BeginAuthenticationAsync().ConfigureAwait(false), "BeginAuthenticationAsync");

    [GlobalCleanup]
    public void GlobalCleanup() => _host.Dispose();
}
