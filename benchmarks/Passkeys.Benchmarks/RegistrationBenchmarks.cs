using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace Passkeys.Benchmarks;

/// <summary>
/// Completing an account creation: bare <see cref="IFido2.MakeNewCredentialAsync"/> against
/// <see cref="PasskeyEngine.CompleteRegistrationAsync"/> (which also stores the new user and passkey).
/// </summary>
/// <remarks>
/// Every engine invocation creates a user, so it needs its own ceremony, user name, user handle and credential:
/// <see cref="PrepareRegistrations"/> deletes the users of the previous iteration and prepares, unmeasured, one
/// fresh registration response per invocation. The user store therefore holds 0 to
/// <see cref="InvocationsPerIteration"/> users during an iteration, never more. Fido2 is stateless, so its
/// baseline verifies one such response (same algorithm, same sizes) over and over.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(InvocationsPerIteration)]
public class RegistrationBenchmarks
{
    public const int InvocationsPerIteration = 256;

    private readonly Queue<PendingRegistration> _pending = new(InvocationsPerIteration);
    private readonly List<(string UserName, string CeremonyId)> _issued = [];
    private BenchmarkHost _host = null!;
    private CredentialCreateOptions _options = null!;
    private string _responseJson = null!;
    private int _nextUser;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _host = new BenchmarkHost();
        var start = BenchmarkHost.Require(_host.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(NextUserName())).GetAwaiter().GetResult(), "BeginRegistrationAsync");
        _options = CredentialCreateOptions.FromJson(start.OptionsJson);
        _responseJson = BenchmarkHost.CreateAuthenticator().CreateCredential(start.OptionsJson);

        // Both paths must succeed on these inputs; otherwise the numbers would be those of a failure path.
        var bare = Fido2().GetAwaiter().GetResult();
        if (bare.User.Name != _options.User.Name)
        {
            throw new InvalidOperationException("Fido2 registered a different user.");
        }

        PrepareRegistrations();
        _ = Fido2FreshResponses().GetAwaiter().GetResult();
        _ = Engine().GetAwaiter().GetResult();
        PrepareRegistrations();
    }

    [IterationSetup(Targets = [nameof(Engine), nameof(Fido2FreshResponses)])]
    public void PrepareRegistrations()
    {
        // Undo the previous iteration: its users, and the ceremonies nobody took.
        foreach (var (name, ceremonyId) in _issued)
        {
            _ = _host.Ceremonies.TakeAsync(ceremonyId, CancellationToken.None).GetAwaiter().GetResult();
            var user = _host.Users.FindByNameAsync(name, CancellationToken.None).GetAwaiter().GetResult();
            if (user is not null)
            {
                _host.Users.DeleteAsync(user.Id, CancellationToken.None).GetAwaiter().GetResult();
            }
        }

        _issued.Clear();
        _pending.Clear();
        var authenticator = BenchmarkHost.CreateAuthenticator();
        for (var i = 0; i < InvocationsPerIteration; i++)
        {
            var name = NextUserName();
            var start = BenchmarkHost.Require(_host.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(name)).GetAwaiter().GetResult(), "BeginRegistrationAsync");
            _pending.Enqueue(new PendingRegistration(start.CeremonyId, CredentialCreateOptions.FromJson(start.OptionsJson), authenticator.CreateCredential(start.OptionsJson)));
            _issued.Add((name, start.CeremonyId));
        }
    }

    /// <summary>
    /// What an application on bare Fido2 does with a response: deserialise it and verify it against the options
    /// it kept (already parsed). Its own storing of the user is not included.
    /// </summary>
    [Benchmark(Baseline = true)]
    public Task<RegisteredPublicKeyCredential> Fido2()
    {
        var response = JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(_responseJson)!;
        return _host.Fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
        {
            AttestationResponse = response,
            OriginalOptions = _options,
            IsCredentialIdUniqueToUserCallback = static (_, _) => Task.FromResult(true),
        }, CancellationToken.None);
    }

    /// <summary>
    /// The baseline on the engine's inputs: a fresh response (new key pair, new credential) per invocation. It shows
    /// whether verifying a response never seen before costs more than verifying the same one again.
    /// </summary>
    [Benchmark]
    public Task<RegisteredPublicKeyCredential> Fido2FreshResponses()
    {
        var pending = _pending.Dequeue();
        var response = JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(pending.ResponseJson)!;
        return _host.Fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
        {
            AttestationResponse = response,
            OriginalOptions = pending.Options,
            IsCredentialIdUniqueToUserCallback = static (_, _) => Task.FromResult(true),
        }, CancellationToken.None);
    }

    [Benchmark]
    public async Task<PasskeyRegistration> Engine()
    {
        // Dequeue throws when the pool is empty, so a missing ceremony can never be measured as a fast failure.
        var pending = _pending.Dequeue();
        var result = await _host.Engine.CompleteRegistrationAsync(pending.CeremonyId, pending.ResponseJson).ConfigureAwait(false);
        return result.Value ?? throw new InvalidOperationException($"CompleteRegistrationAsync failed: {result.Error?.Code}");
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _host.Dispose();

    private string NextUserName() => $"user{_nextUser++:D6}";
}
