using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Engine.FastPath;
using Passkeys.Testing;

namespace Passkeys.Benchmarks;

/// <summary>
/// Verifying one parsed assertion, three ways, on the same bytes: the raw signature check with the key imported
/// once (the floor: SHA-256 of the client data, then <c>VerifyData</c> over authenticator data and that hash), the
/// engine's fast path (every WebAuthn §7.2 check Fido2 makes, the key kept per credential), and Fido2's
/// <see cref="IFido2.MakeAssertionAsync"/> (which imports the key on every call).
/// </summary>
/// <remarks>
/// The response is deserialised once in setup, so the three rows differ only in verification. The counter stays
/// at zero, so the same assertion verifies every time; setup throws unless all three accept it.
/// </remarks>
[MemoryDiagnoser]
public class AssertionVerificationBenchmarks
{
    private BenchmarkHost _host = null!;
    private AssertionVerifier _fastPath = null!;
    private AuthenticatorAssertionRawResponse _response = null!;
    private AssertionOptions _options = null!;
    private byte[] _credentialId = null!;
    private byte[] _storedPublicKey = null!;
    private byte[] _signedData = null!;
    private Func<byte[], byte[], bool> _floor = null!;

    [Params(SoftwareKeyAlgorithm.ES256, SoftwareKeyAlgorithm.RS256)]
    public SoftwareKeyAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _host = new BenchmarkHost();
        var authenticator = BenchmarkHost.CreateAuthenticator();
        authenticator.Algorithm = Algorithm;
        var registration = _host.Register(authenticator, "alice");
        _credentialId = registration.Credential.CredentialId;
        _storedPublicKey = registration.Credential.PublicKey;

        var start = BenchmarkHost.Require(_host.Engine.BeginAuthenticationAsync().GetAwaiter().GetResult(), "BeginAuthenticationAsync");
        _options = AssertionOptions.FromJson(start.OptionsJson);
        _response = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(authenticator.GetAssertion(start.OptionsJson))!;
        _fastPath = _host.Services.GetRequiredService<AssertionVerifier>();
        _floor = ImportOnce(_storedPublicKey);
        _signedData = [.. _response.Response.AuthenticatorData];

        if (!Floor() || !FastPath() || Fido2().GetAwaiter().GetResult().SignCount != 0)
        {
            throw new InvalidOperationException("Not every path verified the assertion.");
        }
    }

    /// <summary>The signature check alone: hash the client data, verify over authenticator data + hash.</summary>
    [Benchmark(Baseline = true)]
    public bool Floor()
    {
        var raw = _response.Response;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(raw.ClientDataJson, hash);
        var data = new byte[_signedData.Length + 32];
        _signedData.CopyTo(data, 0);
        hash.CopyTo(data.AsSpan(_signedData.Length));
        return _floor(data, raw.Signature);
    }

    [Benchmark]
    public bool FastPath()
        => _fastPath.Verify(_response, _options, _credentialId, _storedPublicKey, storedSignatureCounter: 0).Outcome == AssertionOutcome.Verified;

    [Benchmark]
    public Task<VerifyAssertionResult> Fido2() => _host.Fido2.MakeAssertionAsync(new MakeAssertionParams
    {
        AssertionResponse = _response,
        OriginalOptions = _options,
        StoredPublicKey = _storedPublicKey,
        StoredSignatureCounter = 0,
        IsUserHandleOwnerOfCredentialIdCallback = static (_, _) => Task.FromResult(true),
    }, CancellationToken.None);

    [GlobalCleanup]
    public void GlobalCleanup() => _host.Dispose();

    // The COSE key (RFC 9053: -1 crv/n, -2 x/e, -3 y) imported into the BCL type once, as a cache would keep it.
    private static Func<byte[], byte[], bool> ImportOnce(byte[] coseKey)
    {
        var fields = new Dictionary<int, byte[]>();
        var reader = new CborReader(coseKey);
        var count = reader.ReadStartMap() ?? 0;
        var keyType = 0;
        for (var i = 0; i < count; i++)
        {
            var label = (int)reader.ReadInt64();
            if (reader.PeekState() == CborReaderState.ByteString)
            {
                fields[label] = reader.ReadByteString();
            }
            else if (label == 1)
            {
                keyType = (int)reader.ReadInt64();
            }
            else
            {
                reader.SkipValue();
            }
        }

        if (keyType == 2)
        {
            var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = fields[-2], Y = fields[-3] } });
            return (data, signature) => ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }

        var rsa = RSA.Create(new RSAParameters { Modulus = fields[-1], Exponent = fields[-2] });
        return (data, signature) => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
