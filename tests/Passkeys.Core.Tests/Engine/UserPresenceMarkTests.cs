using System.Buffers.Text;
using System.Formats.Cbor;
using System.Text.Json.Nodes;
using CsCheck;
using Passkeys.Engine;
using Passkeys.Testing;
using Passkeys.Tests.Properties;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// The one change a conditional create makes before Fido2 verifies: the UP flag of a "none" attestation. Checked
/// against an independent strict CBOR reading over real attestation objects and generated corruptions of them.
/// </summary>
public class UserPresenceMarkTests
{
    private static readonly byte[][] Originals = CreateOriginals();

    private static readonly Gen<byte[]> Corrupted = Gen.Int[0, Originals.Length - 1].SelectMany(i => Gen.OneOf(
        Gen.Const(Originals[i]),
        Gen.Int[0, Originals[i].Length - 1].Select(Gen.Byte, (at, value) => With(Originals[i], at, value)),
        Gen.Int[0, Originals[i].Length - 1].Select(length => Originals[i][..length]),
        Gen.Int[0, Originals[i].Length].Select(Gen.Byte, (at, value) => Inserted(Originals[i], at, value))));

    [Test]
    public void A_mark_changes_only_the_up_flag_of_a_none_attestation_and_anything_else_gets_none()
        => Property.Check(nameof(A_mark_changes_only_the_up_flag_of_a_none_attestation_and_anything_else_gets_none), Corrupted, original =>
        {
            var marked = AttestationObjectReader.WithUserPresence(original);

            var strict = ReadStrictly(original);
            if (marked is null)
            {
                Assert.That(strict is { Format: "none", StatementEntries: 0 } && strict.AuthData.Length > 32, Is.False,
                    "a well-formed none attestation must be marked");
                return;
            }

            Assert.That(strict, Is.Not.Null, "only a well-formed attestation object is marked");
            Assert.That((strict!.Format, strict.StatementEntries), Is.EqualTo(("none", 0)));
            var after = ReadStrictly(marked)!;
            Assert.That(after.AuthData[32] & 0x01, Is.EqualTo(1));
            Assert.That(after.AuthData[32] & ~0x01, Is.EqualTo(strict.AuthData[32] & ~0x01));
            Assert.That(after.AuthData.AsSpan(33).SequenceEqual(strict.AuthData.AsSpan(33)) && after.AuthData.AsSpan(0, 32).SequenceEqual(strict.AuthData.AsSpan(0, 32)), Is.True);
            Assert.That(marked.Zip(original).Count(p => p.First != p.Second), Is.LessThanOrEqualTo(1));
        }, iterations: 10_000, print: Convert.ToHexString);

    private static byte[] Inserted(byte[] bytes, int at, byte value) => [.. bytes[..at], value, .. bytes[at..]];

    private static byte[] With(byte[] bytes, int at, byte value)
    {
        var copy = bytes.ToArray();
        copy[at] = value;
        return copy;
    }

    private static byte[][] CreateOriginals()
    {
        var objects = new List<byte[]>();
        foreach (var attestation in new[] { SoftwareAttestation.None, SoftwareAttestation.PackedSelf })
        {
            foreach (var present in new[] { false, true })
            {
                var authenticator = new SoftwareAuthenticator { Origin = EngineHarness.Origin, Attestation = attestation, UserPresent = present };
                using var harness = new EngineHarness();
                var start = harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice")).GetAwaiter().GetResult();
                var response = JsonNode.Parse(authenticator.CreateCredential(start.Value!.OptionsJson))!;
                objects.Add(Base64Url.DecodeFromChars((string)response["response"]!["attestationObject"]!));
            }
        }

        return [.. objects];
    }

    // Strict CTAP2 canonical reading, independent of the reader under test: null for anything that is not a map of
    // exactly fmt, attStmt and authData.
    private static Attestation? ReadStrictly(byte[] bytes)
    {
        try
        {
            var reader = new CborReader(bytes, CborConformanceMode.Ctap2Canonical);
            var count = reader.ReadStartMap();
            string? format = null;
            int? statement = null;
            byte[]? authData = null;
            for (var i = 0; i < count; i++)
            {
                switch (reader.ReadTextString())
                {
                    case "fmt": format = reader.ReadTextString(); break;
                    case "attStmt":
                        var entries = reader.ReadStartMap();
                        statement = entries;
                        for (var j = 0; j < 2 * entries; j++)
                        {
                            reader.SkipValue();
                        }

                        reader.ReadEndMap();
                        break;
                    case "authData": authData = reader.ReadByteString(); break;
                    default: return null;
                }
            }

            reader.ReadEndMap();
            return reader.BytesRemaining == 0 && count == 3 && format is not null && statement is not null && authData is not null
                ? new Attestation(format, statement.Value, authData)
                : null;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record Attestation(string Format, int StatementEntries, byte[] AuthData);
}
