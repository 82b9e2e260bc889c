using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Passkeys.Engine;
using Passkeys.Engine.FastPath;
using Passkeys.Tests.Properties;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// Properties of every reader of client JSON, over generated text of every shape (<see cref="JsonText"/>): the strict
/// reader never throws and accepts exactly what System.Text.Json reads without a repeated member, a bad string or
/// nesting past 16; what it accepts, no reader can throw on; the response parser and the client data reader refuse
/// the rest in their documented way.
/// </summary>
public class JsonReaderPropertyTests
{
    private const int Iterations = 3000;
    private const int MaxLength = 64 * 1024;

    [Test]
    public void Strict_reader_never_throws_and_accepts_exactly_strict_json_bytes()
        => Property.Check(nameof(Strict_reader_never_throws_and_accepts_exactly_strict_json_bytes), JsonText.Bytes, bytes =>
        {
            var problem = StrictJson.Check(bytes, MaxLength);

            Assert.That(problem is null, Is.EqualTo(JsonText.IsStrictObject(bytes)), problem ?? "accepted");
        }, Iterations, Print);

    [Test]
    public void Strict_reader_never_throws_and_accepts_exactly_strict_json_strings()
        => Property.Check(nameof(Strict_reader_never_throws_and_accepts_exactly_strict_json_strings), JsonText.Document, text =>
        {
            var problem = StrictJson.Check(text, MaxLength, out var utf8);

            var wellFormed = !HasLoneSurrogate(text);
            Assert.That(problem is null, Is.EqualTo(wellFormed && JsonText.IsStrictObject(Encoding.UTF8.GetBytes(text))), problem ?? "accepted");
            Assert.That(utf8, problem is null ? Is.EqualTo(Encoding.UTF8.GetBytes(text)) : Is.Empty);
        }, Iterations);

    [Test]
    public void Strict_reader_refuses_what_is_over_its_length()
        => Property.Check(nameof(Strict_reader_refuses_what_is_over_its_length), JsonText.Object, text =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);

            Assert.That(StrictJson.Check(bytes, bytes.Length - 1), Is.Not.Null);
        }, Iterations / 10);

    [Test]
    public void Response_parser_never_throws_on_any_text()
        => Property.Check(nameof(Response_parser_never_throws_on_any_text), JsonText.Document, text =>
        {
            var attestation = ResponseParser.TryParseAttestation(text, MaxLength, out var registration, out var attestationProblem);
            var assertion = ResponseParser.TryParseAssertion(text, MaxLength, out var authentication, out var assertionProblem);

            Assert.That(attestation ? registration is not null : attestationProblem is not null, Is.True);
            Assert.That(assertion ? authentication is not null : assertionProblem is not null, Is.True);
            if (attestation || assertion)
            {
                Assert.That(StrictJson.Check(text, MaxLength, out _), Is.Null, "only strict JSON is parsed");
            }
        }, Iterations);

    [Test]
    public void Client_data_reader_throws_nothing_but_JsonException()
    {
        var origins = new OriginMatcher(new Fido2Configuration { Origins = new HashSet<string> { "https://localhost" }, RPID = "localhost" });
        Property.Check(nameof(Client_data_reader_throws_nothing_but_JsonException), JsonText.Bytes, bytes =>
        {
            try
            {
                ClientDataReader.TryRead(bytes, [1, 2, 3], origins, out _);
            }
            catch (JsonException)
            {
                // Documented: the verifier turns it into a malformed response.
            }
        }, Iterations, Print);
    }

    private static string Print(byte[] bytes) => Convert.ToHexString(bytes) + " " + Encoding.UTF8.GetString(bytes);

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
