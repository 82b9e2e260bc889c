using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Passkeys.Core.Tests.Engine.FastPath;
using Passkeys.Testing;

namespace Passkeys.Fuzz;

/// <summary>
/// Assertions made from fuzz bytes for one credential per algorithm of a <see cref="SoftwareAuthenticator"/>,
/// signed over whatever authenticator data and client data the input holds, and checked by the fast path and
/// Fido2 under each configuration of the differential test. The challenge is fixed, so a corpus file means the
/// same thing in every run although the credentials' keys are new in each process.
/// </summary>
internal static class AssertionBench
{
    public static readonly byte[] Challenge = SHA256.HashData("passkeys fuzz challenge"u8);

    public static readonly byte[] RpIdHash = SHA256.HashData(Encoding.UTF8.GetBytes(AssertionCaseFactory.RpId));

    private static readonly UserVerificationRequirement[] Requirements =
        [UserVerificationRequirement.Required, UserVerificationRequirement.Preferred, UserVerificationRequirement.Discouraged];

    private static readonly Lazy<AssertionCaseFactory>[] Factories =
        [.. Enum.GetValues<SoftwareKeyAlgorithm>().Select(a => new Lazy<AssertionCaseFactory>(() => new AssertionCaseFactory(a)))];

    private static readonly AssertionOracle[] Oracles =
        [.. AssertionCaseFactory.Configurations.Select(c => new AssertionOracle(c.Configuration))];

    public static int Algorithms => Factories.Length;

    public static int Configurations => Oracles.Length;

    public static string ChallengeText => Base64Url.EncodeToString(Challenge);

    public static SoftwareCredential Credential(int algorithm) => Factories[algorithm % Factories.Length].Value.Authenticator.Credentials[0];

    /// <summary>Signs <c>authenticatorData || SHA-256(clientDataJSON)</c> as the authenticator does (§6.3.3 step 11).</summary>
    public static byte[] Sign(int algorithm, byte[] authenticatorData, byte[] clientDataJson)
        => Credential(algorithm).Key.Sign([.. authenticatorData, .. SHA256.HashData(clientDataJson)]);

    public static AssertionCase Case(
        int algorithm,
        int userVerification,
        byte[] authenticatorData,
        byte[] clientDataJson,
        byte[] signature,
        AssertionShape shape = default,
        byte[]? storedPublicKey = null,
        uint storedCounter = 0)
    {
        var credential = Credential(algorithm);
        var id = credential.Id;
        var response = new AuthenticatorAssertionRawResponse
        {
            Id = Base64Url.EncodeToString(shape.HasFlag(AssertionShape.IdDiffersFromRawId) ? [.. id, 0] : id),
            RawId = id,
            Type = shape.HasFlag(AssertionShape.NoType) ? null : PublicKeyCredentialType.PublicKey,
            Response = new AuthenticatorAssertionRawResponse.AssertionResponse
            {
                AuthenticatorData = authenticatorData,
                ClientDataJson = clientDataJson,
                Signature = signature,
                UserHandle = shape.HasFlag(AssertionShape.NoUserHandle) ? null : credential.UserHandle,
            },
            ClientExtensionResults = shape.HasFlag(AssertionShape.AppIdUsed) ? new AuthenticationExtensionsClientOutputs { AppID = true } : new(),
        };
        var options = AssertionOptions.FromJson($$"""
            {"challenge":"{{ChallengeText}}","rpId":"{{AssertionCaseFactory.RpId}}","timeout":60000,
             "allowCredentials":[{{(shape.HasFlag(AssertionShape.NotListed) ? string.Empty : $$"""{"type":"public-key","id":"{{Base64Url.EncodeToString(id)}}"}""")}}],
             "userVerification":"{{Requirements[userVerification % Requirements.Length].ToString().ToLowerInvariant()}}"}
            """);
        return new AssertionCase("fuzz", response, options, id, storedPublicKey ?? credential.PublicKey, storedCounter);
    }

    /// <summary>Verifies both ways under one configuration; a disagreement is a finding.</summary>
    public static void Check(int configuration, AssertionCase c)
    {
        var oracle = Oracles[configuration % Oracles.Length];
        var fido2 = oracle.Fido2DecisionAsync(c).GetAwaiter().GetResult();
        var fast = oracle.FastDecision(c);
        if (!AssertionOracle.Agree(fido2, fast))
        {
            throw new FuzzFindingException(
                $"Fast path and Fido2 disagree ({AssertionCaseFactory.Configurations[configuration % Oracles.Length].Name}): Fido2 {fido2}, fast path {fast}.");
        }
    }

    /// <summary>Verifies under every configuration.</summary>
    public static void CheckAll(AssertionCase c)
    {
        for (var i = 0; i < Oracles.Length; i++)
        {
            Check(i, c);
        }
    }

    /// <summary>Assertion authenticator data for the RP ID: rpIdHash, flags, counter, then any extensions.</summary>
    public static byte[] AuthenticatorData(byte flags, uint counter = 1, byte[]? extensions = null)
    {
        var data = new byte[37 + (extensions?.Length ?? 0)];
        RpIdHash.CopyTo(data, 0);
        data[32] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(33), counter);
        extensions?.CopyTo(data, 37);
        return data;
    }

    /// <summary>Client data in the shapes browsers send (member order and extras), for the fixed challenge.</summary>
    public static IEnumerable<(string Name, byte[] Json)> BrowserClientData()
    {
        var c = ChallengeText;
        const string Origin = AssertionCaseFactory.Origin;
        yield return ("chrome", Json($$"""{"type":"webauthn.get","challenge":"{{c}}","origin":"{{Origin}}","crossOrigin":false}"""));
        yield return ("chrome-other-keys", Json($$"""{"type":"webauthn.get","challenge":"{{c}}","origin":"{{Origin}}","crossOrigin":false,"other_keys_can_be_added_here":"do not compare clientDataJSON against a template. See https://goo.gl/yabPex"}"""));
        yield return ("safari", Json($$"""{"type":"webauthn.get","challenge":"{{c}}","origin":"{{Origin}}"}"""));
        yield return ("firefox-escaped", Json($$"""{"challenge":"{{c}}","origin":"https:\/\/localhost","type":"webauthn.get","crossOrigin":false}"""));
        yield return ("edge-token-binding", Json($$$"""{"challenge":"{{{c}}}","origin":"{{{Origin}}}","type":"webauthn.get","tokenBinding":{"status":"supported"}}"""));
        yield return ("iframe-top-origin", Json($$"""{"type":"webauthn.get","challenge":"{{c}}","origin":"{{AssertionCaseFactory.PortOrigin}}","crossOrigin":true,"topOrigin":"{{Origin}}"}"""));
        yield return ("android-app", Json($$"""{"type":"webauthn.get","challenge":"{{c}}","origin":"android:apk-key-hash:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","androidPackageName":"com.example.app"}"""));
        yield return ("unicode-escapes", Json($$"""{"type":"webauthn\u002Eget","challenge":"{{c}}","origin":"https://LOCALHOST:443/","crossOrigin":false}"""));
        yield return ("padded-challenge", Json($$"""{"type":"webauthn.get","challenge":"{{Convert.ToBase64String(Challenge)}}","origin":"{{Origin}}"}"""));
        yield return ("create", Json($$"""{"type":"webauthn.create","challenge":"{{c}}","origin":"{{Origin}}","crossOrigin":false}"""));
    }

    /// <summary>Authenticator data of every shape an assertion can have: flags, counters, extensions, attested data.</summary>
    public static IEnumerable<(string Name, byte[] Data)> AuthenticatorDataShapes()
    {
        yield return ("up", AuthenticatorData(0x01));
        yield return ("up-uv", AuthenticatorData(0x05));
        yield return ("up-uv-be-bs", AuthenticatorData(0x1D, 42));
        yield return ("up-be", AuthenticatorData(0x09, 0));
        yield return ("bs-without-be", AuthenticatorData(0x15));
        yield return ("no-up", AuthenticatorData(0x04));
        yield return ("counter-max", AuthenticatorData(0x05, uint.MaxValue));
        yield return ("ed-cred-protect", AuthenticatorData(0x85, 7, [0xA1, 0x6B, .. "credProtect"u8, 0x02]));
        yield return ("ed-hmac-secret", AuthenticatorData(0x85, 7, [0xA1, 0x6B, .. "hmac-secret"u8, 0xF5]));
        yield return ("ed-nested", AuthenticatorData(0x85, 7, [0xA2, 0x61, 0x61, 0x82, 0x42, 0x01, 0x02, 0xF6, 0x24, 0xF5]));
        yield return ("ed-empty-map", AuthenticatorData(0x85, 7, [0xA0]));
        yield return ("ed-no-extensions", AuthenticatorData(0x85, 7));
        yield return ("extensions-without-ed", AuthenticatorData(0x05, 7, [0xA0]));
        yield return ("at-attested-data", AuthenticatorData(0x45, 1, [.. new byte[16], 0x00, 0x04, 1, 2, 3, 4, .. CoseKeys.Ec2P256()]));
        yield return ("truncated", AuthenticatorData(0x05)[..36]);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}
