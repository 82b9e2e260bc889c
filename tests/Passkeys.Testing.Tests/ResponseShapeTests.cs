using System.Buffers.Text;
using System.Formats.Asn1;
using System.Text;
using System.Text.Json.Nodes;

namespace Passkeys.Testing.Tests;

public class ResponseShapeTests
{
    [Test]
    public void Registration_response_has_exactly_the_toJSON_properties()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();

        var json = JsonNode.Parse(authenticator.CreateCredential(rp.CreationOptions().ToJson()))!.AsObject();

        var response = json["response"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "id", "rawId", "type", "authenticatorAttachment", "response", "clientExtensionResults" }));
            Assert.That(response.Select(p => p.Key), Is.EqualTo(new[] { "clientDataJSON", "attestationObject", "authenticatorData", "transports", "publicKey", "publicKeyAlgorithm" }));
            Assert.That((string?)json["type"], Is.EqualTo("public-key"));
            Assert.That((string?)json["authenticatorAttachment"], Is.EqualTo("platform"));
            Assert.That((string?)json["rawId"], Is.EqualTo((string?)json["id"]));
            Assert.That((string?)json["id"], Is.EqualTo(Base64Url.EncodeToString(authenticator.Credentials.Single().Id)));
            Assert.That(response["transports"]!.AsArray().Select(t => (string?)t), Is.EqualTo(new[] { "internal", "hybrid" }));
            Assert.That((int?)response["publicKeyAlgorithm"], Is.EqualTo(-7));
            Assert.That(json["clientExtensionResults"]!.ToJsonString(), Is.EqualTo("""{"credProps":{"rk":true}}"""));
        });
    }

    [Test]
    public void Assertion_response_has_exactly_the_toJSON_properties()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        authenticator.CreateCredential(rp.CreationOptions().ToJson());

        var json = JsonNode.Parse(authenticator.GetAssertion(rp.AssertionOptions().ToJson()))!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "id", "rawId", "type", "authenticatorAttachment", "response", "clientExtensionResults" }));
            Assert.That(json["response"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "clientDataJSON", "authenticatorData", "signature", "userHandle" }));
            Assert.That((string?)json["type"], Is.EqualTo("public-key"));
            Assert.That((string?)json["authenticatorAttachment"], Is.EqualTo("platform"));
            Assert.That(json["clientExtensionResults"]!.ToJsonString(), Is.EqualTo("{}"));
        });
    }

    [Test]
    public void Client_data_is_compact_json_in_the_browser_order()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        var creationOptions = rp.CreationOptions();
        var assertionOptions = rp.AssertionOptions();

        var created = ClientDataOf(authenticator.CreateCredential(creationOptions.ToJson()));
        var asserted = ClientDataOf(authenticator.GetAssertion(assertionOptions.ToJson()));

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo($$"""{"type":"webauthn.create","challenge":"{{Base64Url.EncodeToString(creationOptions.Challenge)}}","origin":"https://localhost","crossOrigin":false}"""));
            Assert.That(asserted, Is.EqualTo($$"""{"type":"webauthn.get","challenge":"{{Base64Url.EncodeToString(assertionOptions.Challenge)}}","origin":"https://localhost","crossOrigin":false}"""));
        });
    }

    [Test]
    public void Origin_property_replaces_the_default_origin()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Origin = "https://localhost:5001" };

        var clientData = JsonNode.Parse(ClientDataOf(authenticator.CreateCredential(rp.CreationOptions().ToJson())))!;

        Assert.That((string?)clientData["origin"], Is.EqualTo("https://localhost:5001"));
    }

    [TestCase(SoftwareKeyAlgorithm.ES256, -7)]
    [TestCase(SoftwareKeyAlgorithm.RS256, -257)]
    [TestCase(SoftwareKeyAlgorithm.EdDSA, -8)]
    public void PublicKey_is_a_SubjectPublicKeyInfo_of_the_credential_key(SoftwareKeyAlgorithm algorithm, int coseAlgorithm)
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Algorithm = algorithm };

        var response = JsonNode.Parse(authenticator.CreateCredential(rp.CreationOptions().ToJson()))!["response"]!;
        var spki = Base64Url.DecodeFromChars((string)response["publicKey"]!);

        Assert.Multiple(() =>
        {
            Assert.That((int?)response["publicKeyAlgorithm"], Is.EqualTo(coseAlgorithm));
            Assert.That(SubjectPublicKeyInfoAlgorithm(spki), Is.EqualTo(algorithm switch
            {
                SoftwareKeyAlgorithm.ES256 => "1.2.840.10045.2.1",
                SoftwareKeyAlgorithm.RS256 => "1.2.840.113549.1.1.1",
                _ => "1.3.101.112",
            }));
        });
    }

    [Test]
    public void Bytes_are_base64url_without_padding()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Algorithm = SoftwareKeyAlgorithm.RS256, Attestation = SoftwareAttestation.PackedSelf };
        authenticator.CreateCredential(rp.CreationOptions().ToJson());

        var text = authenticator.GetAssertion(rp.AssertionOptions().ToJson()) + authenticator.CreateCredential(rp.CreationOptions().ToJson());

        Assert.That(text, Does.Not.Contain("=").And.Not.Contain("+").And.Not.Contain("/"));
    }

    private static string ClientDataOf(string json)
        => Encoding.UTF8.GetString(Base64Url.DecodeFromChars((string)JsonNode.Parse(json)!["response"]!["clientDataJSON"]!));

    private static string SubjectPublicKeyInfoAlgorithm(byte[] spki)
    {
        var reader = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        return reader.ReadSequence().ReadObjectIdentifier();
    }
}
