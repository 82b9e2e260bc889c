using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace Passkeys.Benchmarks;

/// <summary>
/// A complete discoverable sign-in: bare <see cref="IFido2.MakeAssertionAsync"/> against
/// <see cref="PasskeyEngine.CompleteAuthenticationAsync"/>, on the same signed assertion.
/// </summary>
/// <remarks>
/// The engine takes its ceremony out of the store (single use), so each invocation needs a ceremony of its own:
/// <see cref="RefillCeremonies"/> saves, before every iteration and unmeasured, as many ceremonies as the iteration
/// will invoke, all carrying the options the assertion was signed for. The counter stays at zero, so the same
/// assertion verifies every time.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(InvocationsPerIteration)]
public class AuthenticationBenchmarks
{
    public const int InvocationsPerIteration = 512;

    private readonly Queue<string> _ceremonyIds = new(InvocationsPerIteration);
    private BenchmarkHost _host = null!;
    private string _optionsJson = null!;
    private string _assertionJson = null!;
    private AssertionOptions _options = null!;
    private byte[] _storedPublicKey = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _host = new BenchmarkHost();
        var authenticator = BenchmarkHost.CreateAuthenticator();
        var registration = _host.Register(authenticator, "alice");
        _storedPublicKey = registration.Credential.PublicKey;

        var start = BenchmarkHost.Require(_host.Engine.BeginAuthenticationAsync().GetAwaiter().GetResult(), "BeginAuthenticationAsync");
        _optionsJson = start.OptionsJson;
        _options = AssertionOptions.FromJson(_optionsJson);
        _assertionJson = authenticator.GetAssertion(_optionsJson);

        // Both paths must succeed on these inputs; otherwise the numbers would be those of a failure path.
        var bare = Fido2().GetAwaiter().GetResult();
        if (!bare.CredentialId.AsSpan().SequenceEqual(registration.Credential.CredentialId))
        {
            throw new InvalidOperationException("Fido2 verified a different credential.");
        }

        var signedIn = BenchmarkHost.Require(_host.Engine.CompleteAuthenticationAsync(start.CeremonyId, _assertionJson).GetAwaiter().GetResult(), "CompleteAuthenticationAsync");
        if (signedIn.User.Id != registration.User.Id)
        {
            throw new InvalidOperationException("The engine signed in a different user.");
        }

        RefillCeremonies();
        _ = Engine().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(Engine))]
    public void RefillCeremonies()
    {
        var expiresAt = _host.Clock.GetUtcNow().AddHours(1);
        while (_ceremonyIds.Count < InvocationsPerIteration)
        {
            var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            _host.Ceremonies.SaveAsync(new PasskeyCeremony(id, PasskeyCeremonyKind.Authentication, _optionsJson, expiresAt), CancellationToken.None)
                .GetAwaiter().GetResult();
            _ceremonyIds.Enqueue(id);
        }
    }

    /// <summary>
    /// What an application on bare Fido2 does with a response: deserialise it and verify it against the options
    /// it kept (already parsed) and the stored public key.
    /// </summary>
    [Benchmark(Baseline = true)]
    public Task<VerifyAssertionResult> Fido2()
    {
        var response = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(_assertionJson)!;
        return _host.Fido2.MakeAssertionAsync(new MakeAssertionParams
        {
            AssertionResponse = response,
            OriginalOptions = _options,
            StoredPublicKey = _storedPublicKey,
            StoredSignatureCounter = 0,
            IsUserHandleOwnerOfCredentialIdCallback = static (_, _) => Task.FromResult(true),
        }, CancellationToken.None);
    }

    [Benchmark]
    public async Task<PasskeyAuthentication> Engine()
    {
        // Dequeue throws when the pool is empty, so a missing ceremony can never be measured as a fast failure.
        var result = await _host.Engine.CompleteAuthenticationAsync(_ceremonyIds.Dequeue(), _assertionJson).ConfigureAwait(false);
        return result.Value ?? throw new InvalidOperationException($"CompleteAuthenticationAsync failed: {result.Error?.Code}");
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _host.Dispose();
}
