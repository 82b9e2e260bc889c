using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine.FastPath;

/// <summary>
/// Makes signed assertions for one credential of a <see cref="SoftwareAuthenticator"/>, with options issued and
/// stored as the engine issues and stores them.
/// </summary>
internal sealed class AssertionCaseFactory
{
    public const string RpId = "localhost";
    public const string Origin = "https://localhost";
    public const string PortOrigin = "https://app.localhost:8443";

    private readonly Fido2 _fido2;
    private readonly SoftwareCredential _credential;

    public AssertionCaseFactory(SoftwareKeyAlgorithm algorithm)
    {
        _fido2 = new Fido2(Configuration());
        Authenticator = new SoftwareAuthenticator { Origin = Origin, Algorithm = algorithm };
        var creation = _fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = RandomNumberGenerator.GetBytes(32), Name = "alice", DisplayName = "Alice" },
            PubKeyCredParams = [new(COSE.Algorithm.ES256), new(COSE.Algorithm.RS256), new(COSE.Algorithm.EdDSA)],
        });
        Authenticator.CreateCredential(creation.ToJson());
        _credential = Authenticator.Credentials[0];
    }

    /// <summary>The engine's configuration, and stricter and looser ones, for the differential test and the fuzz targets.</summary>
    public static IReadOnlyList<(string Name, Fido2Configuration Configuration)> Configurations { get; } =
    [
        ("engine", Configuration()),
        ("cross-origin allowed, BE required, BS disallowed", Configuration(c =>
        {
            c.AllowCrossOriginRequests = true;
            c.BackupEligibleCredentialPolicy = Fido2Configuration.CredentialBackupPolicy.Required;
            c.BackedUpCredentialPolicy = Fido2Configuration.CredentialBackupPolicy.Disallowed;
        })),
        ("BE disallowed, BS required", Configuration(c =>
        {
            c.BackupEligibleCredentialPolicy = Fido2Configuration.CredentialBackupPolicy.Disallowed;
            c.BackedUpCredentialPolicy = Fido2Configuration.CredentialBackupPolicy.Required;
        })),
    ];

    public SoftwareAuthenticator Authenticator { get; }

    public SoftwareKeyAlgorithm Algorithm => Authenticator.Algorithm;

    public byte[] CredentialId => _credential.Id;

    public byte[] PublicKey => _credential.PublicKey;

    /// <summary>The configuration the engine gives Fido2 for these origins, changed by <paramref name="configure"/>.</summary>
    public static Fido2Configuration Configuration(Action<Fido2Configuration>? configure = null)
    {
        var configuration = new Fido2Configuration
        {
            RPID = RpId,
            RPName = "Tests",
            Origins = new HashSet<string>([Origin, PortOrigin], StringComparer.OrdinalIgnoreCase),
            ChallengeSize = 32,
        };
        configure?.Invoke(configuration);
        return configuration;
    }

    public AssertionCase Signed(
        string category,
        SoftwareTampering? tampering = null,
        UserVerificationRequirement userVerification = UserVerificationRequirement.Required,
        uint storedCounter = 0,
        Action<AssertionOptions>? options = null,
        bool listCredential = true)
    {
        var issued = _fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = listCredential ? [new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PublicKey, _credential.Id, [])] : [],
            UserVerification = userVerification,
        });
        var json = issued.ToJson();
        var response = Authenticator.GetAssertion(json, tampering, _credential.Id);
        var raw = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(response)!;
        var stored = AssertionOptions.FromJson(json);
        options?.Invoke(stored);
        return new AssertionCase(category, raw, stored, _credential.Id, _credential.PublicKey, storedCounter);
    }
}
