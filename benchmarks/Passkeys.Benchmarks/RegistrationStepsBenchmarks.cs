using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Passkeys.Engine;

namespace Passkeys.Benchmarks;

/// <summary>
/// The steps <see cref="PasskeyEngine.CompleteRegistrationAsync"/> takes besides Fido2's verification, one at a time
/// on the same kind of input as <see cref="RegistrationBenchmarks"/>, to show where the engine's overhead goes.
/// The baseline is the parse the bare Fido2 path does; the engine does every other row in addition.
/// </summary>
[MemoryDiagnoser]
public class RegistrationStepsBenchmarks
{
    private BenchmarkHost _host = null!;
    private string _optionsJson = null!;
    private string _responseJson = null!;
    private readonly byte[] _userHandle = new byte[PasskeysDefaults.MinUserHandleLength];
    private AuthenticatorAttestationRawResponse _response = null!;
    private CredentialCreateOptions _options = null!;

    /// <summary>How many users the in-memory store holds while a new one is created.</summary>
    [Params(0, 256)]
    public int UsersInStore { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _host = new BenchmarkHost();
        var authenticator = BenchmarkHost.CreateAuthenticator();
        for (var i = 0; i < UsersInStore; i++)
        {
            _host.Register(authenticator, $"user{i:D6}");
        }

        _optionsJson = BenchmarkHost.Require(_host.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("newuser")).GetAwaiter().GetResult(), "BeginRegistrationAsync").OptionsJson;
        _responseJson = authenticator.CreateCredential(_optionsJson);
        _response = JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(_responseJson)!;
        _options = CredentialCreateOptions.FromJson(_optionsJson);
        _ = Fido2Verify().GetAwaiter().GetResult();
        if (!ParseLikeEngine())
        {
            throw new InvalidOperationException("The engine's parser refused the registration response.");
        }

        if (StoreCreateAndDelete().GetAwaiter().GetResult() != Stores.PasskeyStoreResult.Success)
        {
            throw new InvalidOperationException("The store refused the new user.");
        }
    }

    [Benchmark(Baseline = true)]
    public AuthenticatorAttestationRawResponse ParseLikeFido2() => JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(_responseJson)!;

    [Benchmark]
    public bool ParseLikeEngine() => ResponseParser.TryParseAttestation(_responseJson, 64 * 1024, out _, out _);

    [Benchmark]
    public CredentialCreateOptions OptionsFromJson() => CredentialCreateOptions.FromJson(_optionsJson);

    /// <summary>The engine parses the attestation object again, after Fido2, to read the UV flag.</summary>
    [Benchmark]
    public bool AttestationParseAgain() => AuthenticatorAttestationResponse.Parse(_response).AttestationObject.AuthData.UserVerified;

    /// <summary>Fido2's verification alone (the shared part), on the parsed response.</summary>
    [Benchmark]
    public Task<RegisteredPublicKeyCredential> Fido2Verify() => _host.Fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
    {
        AttestationResponse = _response,
        OriginalOptions = _options,
        IsCredentialIdUniqueToUserCallback = static (_, _) => Task.FromResult(true),
    }, CancellationToken.None);

    /// <summary>Creating the user with the passkey, then deleting it so the store keeps its size.</summary>
    [Benchmark]
    public async Task<Stores.PasskeyStoreResult> StoreCreateAndDelete()
    {
        var now = _host.Clock.GetUtcNow();
        var user = new PasskeyUser("new-user-id", _userHandle, "newuser", now);
        var credential = new PasskeyCredential(_response.RawId, user.Id, _response.RawId, 0, Guid.Empty, "none", false, now);
        var created = await _host.Users.CreateAsync(user, credential, CancellationToken.None).ConfigureAwait(false);
        await _host.Users.DeleteAsync(user.Id, CancellationToken.None).ConfigureAwait(false);
        return created;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _host.Dispose();
}
