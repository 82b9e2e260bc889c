using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine.FastPath;

/// <summary>
/// The catalogue of valid and mutated assertions the differential test feeds to both verifiers: every byte and
/// flag of the authenticator data, every client data member, the signature, the response and the options.
/// </summary>
internal static class AssertionMutations
{
    public static IEnumerable<AssertionCase> All(AssertionCaseFactory f, Random random)
        => Valid(f, random)
            .Concat(AuthenticatorData(f, random))
            .Concat(Extensions(f))
            .Concat(Flags(f, random))
            .Concat(Counters(f))
            .Concat(RpId(f))
            .Concat(ClientDataMembers(f))
            .Concat(ClientDataBytes(f, random))
            .Concat(Signatures(f, random))
            .Concat(ResponseAndOptions(f));

    public static IEnumerable<AssertionCase> Valid(AssertionCaseFactory f, Random random)
    {
        UserVerificationRequirement[] requirements = [UserVerificationRequirement.Required, UserVerificationRequirement.Preferred, UserVerificationRequirement.Discouraged];
        for (var i = 0; i < 20; i++)
        {
            var flags = (byte)(0x01 | (random.Next(2) * 0x04) | (random.Next(3) switch { 0 => 0, 1 => 0x08, _ => 0x18 }));
            yield return f.Signed("valid", Tamper(d => d.SetFlags(flags)), requirements[i % 3]);
        }
    }

    public static IEnumerable<AssertionCase> AuthenticatorData(AssertionCaseFactory f, Random random)
    {
        var baseCase = f.Signed("authData: base");
        var data = baseCase.Response.Response.AuthenticatorData;
        for (var i = 0; i < data.Length; i++)
        {
            var index = i;
            var mask = (byte)(1 << random.Next(8));
            yield return f.Signed("authData: bit flipped, then signed", Tamper(d => d.Flip(index, mask)));
            yield return baseCase with { Category = "authData: bit flipped after signing", Response = baseCase.Response.WithAuthenticatorData(data.Flip(index, mask)) };
        }

        foreach (var length in new[] { 0, 1, 16, 31, 32, 33, 35, 36 })
        {
            yield return baseCase with { Category = "authData: truncated", Response = baseCase.Response.WithAuthenticatorData(data[..length]) };
            yield return f.Signed("authData: truncated, then signed", Tamper(d => d[..length]));
        }

        yield return baseCase with { Category = "authData: truncated", Response = baseCase.Response.WithAuthenticatorData(null) };
        for (var extra = 1; extra <= 6; extra++)
        {
            var tail = new byte[extra];
            random.NextBytes(tail);
            yield return f.Signed("authData: extended, then signed", Tamper(d => [.. d, .. tail]));
            yield return baseCase with { Category = "authData: extended after signing", Response = baseCase.Response.WithAuthenticatorData([.. data, .. tail]) };
        }
    }

    public static IEnumerable<AssertionCase> Extensions(AssertionCaseFactory f)
    {
        foreach (var (name, extension) in ExtensionItems())
        {
            yield return f.Signed($"authData: ED set, {name}", Tamper(d => [.. d.SetFlags((byte)(d[32] | 0x80)), .. extension]));
            yield return f.Signed("authData: ED clear, extension bytes", Tamper(d => [.. d, .. extension]));
        }

        yield return f.Signed("authData: ED set, no extensions", Tamper(d => d.SetFlags((byte)(d[32] | 0x80))));
        yield return f.Signed("authData: ED set, extension then trailing byte", Tamper(d => [.. d.SetFlags((byte)(d[32] | 0x80)), .. Cbor(w => { w.WriteStartMap(0); w.WriteEndMap(); }), 0x00]));
        yield return f.Signed("authData: AT set (left to Fido2)", Tamper(d => d.SetFlags((byte)(d[32] | 0x40))));
    }

    public static IEnumerable<AssertionCase> Flags(AssertionCaseFactory f, Random random)
    {
        for (var bit = 0; bit < 8; bit++)
        {
            var mask = (byte)(1 << bit);
            yield return f.Signed("flags: one bit toggled", Tamper(d => d.SetFlags((byte)(d[32] ^ mask))));
            yield return f.Signed("flags: one bit toggled", Tamper(d => d.SetFlags((byte)(d[32] ^ mask))), UserVerificationRequirement.Discouraged);
        }

        for (var i = 0; i < 16; i++)
        {
            var flags = (byte)random.Next(256);
            yield return f.Signed("flags: random", Tamper(d => d.SetFlags(flags)), i % 2 == 0 ? UserVerificationRequirement.Required : UserVerificationRequirement.Preferred);
        }
    }

    public static IEnumerable<AssertionCase> Counters(AssertionCaseFactory f)
    {
        foreach (var (reported, stored) in new (uint, uint)[] { (0, 0), (1, 0), (uint.MaxValue, 0), (0, 5), (5, 5), (6, 5), (4, 5), (uint.MaxValue, uint.MaxValue), (0x01000000, 0x00FFFFFF) })
        {
            yield return f.Signed("counter", Tamper(d => d.SetCounter(reported)), storedCounter: stored);
        }
    }

    public static IEnumerable<AssertionCase> RpId(AssertionCaseFactory f)
    {
        foreach (var rpId in new[] { "example.com", "LOCALHOST", "localhost.", string.Empty, "app.localhost" })
        {
            yield return f.Signed("rpIdHash", new SoftwareTampering { RpId = rpId });
        }

        yield return f.Signed("rpIdHash: options name another RP ID", options: o => o.RpId = "example.com");
        yield return f.Signed("rpIdHash: options name no RP ID", options: o => o.RpId = null);

        // The appid extension (§10.1.1) switches the hashed RP ID to the AppID.
        var appId = "https://localhost/appid.json";
        var withAppId = f.Signed("rpIdHash: appid", new SoftwareTampering { RpId = appId }, options: o => o.Extensions = new AuthenticationExtensionsClientInputs { AppID = appId });
        yield return withAppId with { Response = withAppId.Response.With(extensions: new AuthenticationExtensionsClientOutputs { AppID = true }) };
        yield return withAppId;
        var noAppId = f.Signed("rpIdHash: appid without options extension");
        yield return noAppId with { Response = noAppId.Response.With(extensions: new AuthenticationExtensionsClientOutputs { AppID = true }) };
    }

    public static IEnumerable<AssertionCase> ClientDataMembers(AssertionCaseFactory f)
    {
        JsonNode?[] strangeValues = [null, 1, true, false, new JsonArray(), new JsonObject(), string.Empty, "x"];

        foreach (var type in new JsonNode?[] { "webauthn.create", "WebAuthn.get", "webauthn.get ", "payment.get" }.Concat(strangeValues))
        {
            yield return f.Signed("clientData: type", ClientData(o => o["type"] = type?.DeepClone()));
        }

        yield return f.Signed("clientData: type", ClientData(o => o.Remove("type")));

        foreach (var challenge in new Func<string, JsonNode?>[]
        {
            c => c + "=", c => c + "==", c => c.Replace('-', '+').Replace('_', '/'), c => c[..^1], c => c[1..], c => c + "A",
            c => " " + c, c => c + "\n", c => c.ToUpperInvariant(), _ => "AAAA", _ => string.Empty, _ => "!!!!", _ => "abc",
            _ => null, _ => 12345, _ => -1, _ => true, _ => false, _ => new JsonArray(), _ => new JsonObject(),
        })
        {
            yield return f.Signed("clientData: challenge", ClientData(o => o["challenge"] = challenge(o["challenge"]!.GetValue<string>())));
        }

        yield return f.Signed("clientData: challenge", ClientData(o => o.Remove("challenge")));
        yield return f.Signed("clientData: challenge, options have none", options: o => o.Challenge = []);

        foreach (var origin in new JsonNode?[]
        {
            "https://localhost:443", "HTTPS://LOCALHOST", "https://Localhost", "https://localhost/", "https://localhost/path", "https://localhost:8443",
            "https://app.localhost:8443", "https://app.localhost", "https://app.localhost:8443/", "http://localhost", "https://localhost:444",
            "https://evil.example", "https://localhost.evil.example", "localhost", "not a uri", "https://", "https://[::1]", "file:///etc/passwd",
            "https://user@localhost", "https://localhost?x", "https://lоcalhost", string.Empty, null, 1, true, new JsonArray(),
        })
        {
            yield return f.Signed("clientData: origin", ClientData(o => o["origin"] = origin?.DeepClone()));
        }

        yield return f.Signed("clientData: origin", ClientData(o => o.Remove("origin")));

        foreach (var crossOrigin in new JsonNode?[] { true, false, null, "true", "false", 1, 0, new JsonObject() })
        {
            yield return f.Signed("clientData: crossOrigin", ClientData(o => o["crossOrigin"] = crossOrigin?.DeepClone()));
        }

        yield return f.Signed("clientData: crossOrigin", ClientData(o => o.Remove("crossOrigin")));

        foreach (var topOrigin in new JsonNode?[]
        {
            "https://localhost", "https://localhost:443", "https://app.localhost:8443", "https://evil.example", string.Empty, "not a uri", null, 1, false,
        })
        {
            yield return f.Signed("clientData: topOrigin", ClientData(o => o["topOrigin"] = topOrigin?.DeepClone()));
            yield return f.Signed("clientData: topOrigin", ClientData(o => { o["topOrigin"] = topOrigin?.DeepClone(); o["crossOrigin"] = true; }));
        }

        foreach (var tokenBinding in new[]
        {
            "null", "{}", """{"status":"supported"}""", """{"status":"not-supported"}""", """{"status":"present"}""", """{"status":"present","id":"AAAA"}""",
            """{"status":"present","id":""}""", """{"status":"other"}""", """{"status":null}""", """{"status":1}""", """{"id":"AAAA"}""",
            """{"status":"supported","extra":[1,{"a":null}]}""", "[]", "\"supported\"", "1", "true",
        })
        {
            yield return f.Signed("clientData: tokenBinding", ClientData(o => o["tokenBinding"] = JsonNode.Parse(tokenBinding)));
        }

        foreach (var extra in new[] { "null", "1", "\"x\"", "[1,2,[3]]", """{"a":{"b":{"c":[]}}}""", "true", "1e400", "-0.0" })
        {
            yield return f.Signed("clientData: extra members", ClientData(o => o["other_keys_can_be_added_here"] = JsonNode.Parse(extra)));
        }

        yield return f.Signed("clientData: extra members", ClientData(o => o["Type"] = "x"));
        yield return f.Signed("clientData: extra members", ClientData(o => o["ORIGIN"] = "https://evil.example"));
    }

    public static IEnumerable<AssertionCase> ClientDataBytes(AssertionCaseFactory f, Random random)
    {
        var baseCase = f.Signed("clientData bytes: base");
        var json = baseCase.Response.Response.ClientDataJson;
        AssertionCase With(string category, byte[] clientData) => baseCase with { Category = category, Response = baseCase.Response.WithClientData(clientData) };

        for (var i = 0; i < json.Length; i++)
        {
            yield return With("clientData bytes: byte changed", json.Flip(i, (byte)random.Next(1, 256)));
            yield return With("clientData bytes: truncated", json[..i]);
        }

        var text = Encoding.UTF8.GetString(json);
        string[] variants =
        [
            text + " ", " " + text, text + "x", text + "{}", text + "null", "\uFEFF" + text, "null", " null ", "[]", "\"\"", "1", "{}", "  ",
            text.Replace("\"type\"", "\"type\":\"webauthn.create\",\"type\"", StringComparison.Ordinal),
            text.Replace("\"type\"", "\"type\":\"x\",\"type\"", StringComparison.Ordinal),
            text.Replace("\"type\":\"webauthn.get\"", "\"type\":\"webauthn.get\",\"type\":\"webauthn.create\"", StringComparison.Ordinal),
            text.Replace("\"challenge\"", "\"challenge\":\"AAAA\",\"challenge\"", StringComparison.Ordinal),
            text.Replace("\"challenge\"", "\"challenge\":\"!\",\"challenge\"", StringComparison.Ordinal),
            text.Replace("\"origin\"", "\"origin\":\"https://evil.example\",\"origin\"", StringComparison.Ordinal),
            text.Replace("\"origin\":\"https://localhost\"", "\"origin\":\"https://localhost\",\"origin\":\"https://evil.example\"", StringComparison.Ordinal),
            text.Replace("\"crossOrigin\":false", "\"crossOrigin\":true,\"crossOrigin\":false", StringComparison.Ordinal),
            text.Replace("webauthn.get", "webauthn.\\u0067et", StringComparison.Ordinal),
            text.Replace("\"type\"", "\"\\u0074ype\"", StringComparison.Ordinal),
            text.Replace("https://localhost", "https:\\/\\/localhost", StringComparison.Ordinal),
            text.Replace("https://localhost", "https://localhost\\ud800", StringComparison.Ordinal),
            text.Replace("\"type\"", "\"\\ud800\":1,\"type\"", StringComparison.Ordinal),
            text.Replace("\"crossOrigin\":false", "\"crossOrigin\":false,", StringComparison.Ordinal),
            text.Replace("\"crossOrigin\":false", "\"crossOrigin\":false/*c*/", StringComparison.Ordinal),
            text.Replace("\"type\"", "'type'", StringComparison.Ordinal),
            text.Replace("\"type\"", "\"deep\":" + new string('[', 62) + new string(']', 62) + ",\"type\"", StringComparison.Ordinal),
            text.Replace("\"type\"", "\"deep\":" + new string('[', 63) + new string(']', 63) + ",\"type\"", StringComparison.Ordinal),
            text.Replace("\"type\"", "\"deep\":" + new string('[', 70) + new string(']', 70) + ",\"type\"", StringComparison.Ordinal),
        ];
        foreach (var variant in variants)
        {
            yield return With("clientData bytes: variants", Encoding.UTF8.GetBytes(variant));
        }

        yield return With("clientData bytes: empty", []);
        yield return With("clientData bytes: empty", null!);
        byte[] invalidUtf8 = [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80];
        foreach (var bad in invalidUtf8.Chunk(2))
        {
            yield return With("clientData bytes: not UTF-8", Splice(json, "https://localhost", bad));
            yield return With("clientData bytes: not UTF-8", Splice(json, "webauthn.get", bad));
            yield return With("clientData bytes: not UTF-8", Splice(json, "\"crossOrigin\"", [(byte)'"', .. bad, (byte)'"', (byte)':', (byte)'1', (byte)',']));
        }
    }

    public static IEnumerable<AssertionCase> Signatures(AssertionCaseFactory f, Random random)
    {
        var baseCase = f.Signed("signature: base");
        var signature = baseCase.Response.Response.Signature;
        AssertionCase With(string category, byte[]? value) => baseCase with { Category = category, Response = baseCase.Response.WithSignature(value) };

        var step = f.Algorithm == SoftwareKeyAlgorithm.RS256 ? 4 : 1;
        for (var i = 0; i < signature.Length; i += step)
        {
            yield return With("signature: byte changed", signature.Flip(i, (byte)random.Next(1, 256)));
        }

        foreach (var length in new[] { 0, 1, 2, 8, signature.Length / 2, signature.Length - 1 })
        {
            yield return With("signature: truncated", signature[..length]);
        }

        yield return With("signature: truncated", null);
        yield return With("signature: extended", [.. signature, 0x00]);
        yield return With("signature: extended", [.. signature, .. signature]);
        yield return With("signature: extended", [0x00, .. signature]);

        if (f.Algorithm == SoftwareKeyAlgorithm.ES256)
        {
            foreach (var (name, der) in DerVariants(signature))
            {
                yield return With($"signature: DER {name}", der);
            }

            // A signature whose r has its high bit set is written with a leading zero; without it, it looks negative.
            for (var i = 0; i < 8; i++)
            {
                var signed = f.Signed("signature: DER without leading zero");
                var (r, s) = SplitDer(signed.Response.Response.Signature);
                if (r[0] == 0)
                {
                    yield return signed with { Response = signed.Response.WithSignature(Der(r[1..], s)) };
                }
            }
        }
    }

    public static IEnumerable<AssertionCase> ResponseAndOptions(AssertionCaseFactory f)
    {
        var c = f.Signed("response");
        yield return c with { Response = c.Response.With(id: c.Response.Id + "A") };
        yield return c with { Response = c.Response.With(id: c.Response.Id[..^1]) };
        yield return c with { Response = c.Response.With(id: "!!!!") };
        yield return c with { Response = c.Response.With(rawId: [1, 2, 3]) };
        yield return c with { Response = c.Response.With(clearType: true) };
        yield return c with { Response = c.Response.With(type: (PublicKeyCredentialType)7) };
        yield return c with { Response = c.Response.WithUserHandle([]) };
        yield return c with { Response = c.Response.WithUserHandle([1, 2, 3]) };
        yield return c with { Response = c.Response.WithUserHandle(null) };
        yield return c with { Response = c.Response.With(r => null!) };
        yield return c with { Options = Options(c.Options, o => o.AllowCredentials = [new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PublicKey, [9, 9, 9], [])]) };
        yield return c with { Options = Options(c.Options, o => o.AllowCredentials = []) };
        yield return c with { StoredPublicKey = [] };
        yield return f.Signed("response: not in allowCredentials, none listed", listCredential: false);
        f.Authenticator.UserVerified = false;
        yield return f.Signed("options: user verification", userVerification: UserVerificationRequirement.Required);
        yield return f.Signed("options: user verification", userVerification: UserVerificationRequirement.Preferred);
        f.Authenticator.UserVerified = true;
    }

    private static IEnumerable<(string Name, byte[] Item)> ExtensionItems()
    {
        yield return ("empty map", Cbor(w => { w.WriteStartMap(0); w.WriteEndMap(); }));
        yield return ("credProtect", Cbor(w => { w.WriteStartMap(1); w.WriteTextString("credProtect"); w.WriteInt32(2); w.WriteEndMap(); }));
        yield return ("nested", Cbor(w => { w.WriteStartMap(2); w.WriteTextString("a"); w.WriteStartArray(2); w.WriteByteString([1, 2]); w.WriteNull(); w.WriteEndArray(); w.WriteInt32(-5); w.WriteBoolean(true); w.WriteEndMap(); }));
        yield return ("indefinite map", Cbor(w => { w.WriteStartMap(null); w.WriteTextString("a"); w.WriteInt32(1); w.WriteEndMap(); }, CborConformanceMode.Lax));
        yield return ("indefinite text", Cbor(w => { w.WriteStartIndefiniteLengthTextString(); w.WriteTextString("a"); w.WriteTextString("b"); w.WriteEndIndefiniteLengthTextString(); }, CborConformanceMode.Lax));
        yield return ("text", [0x61, 0x61]);
        yield return ("integer", [0x01]);
        yield return ("uint64 max", [0x1B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        yield return ("float", [0xF9, 0x3C, 0x00]);
        yield return ("undefined", [0xF7]);
        yield return ("simple value", [0xF0]);
        yield return ("tag", [0xC1, 0x01]);
        yield return ("duplicate keys", [0xA2, 0x01, 0x01, 0x01, 0x02]);
        yield return ("duplicate keys after re-encoding", [0xA2, 0x01, 0x01, 0x18, 0x01, 0x02]);
        yield return ("odd indefinite map", [0xBF, 0x01, 0xFF]);
        yield return ("truncated map", [0xA2, 0x01, 0x01]);
        yield return ("bad UTF-8", [0x62, 0xFF, 0xFE]);
        yield return ("break alone", [0xFF]);
        yield return ("nested 16", [.. Enumerable.Repeat((byte)0x81, 15), 0x80]);
        yield return ("nested 17", [.. Enumerable.Repeat((byte)0x81, 16), 0x80]);
        yield return ("declared huge array", [0x9A, 0x7F, 0xFF, 0xFF, 0xFF]);
    }

    private static IEnumerable<(string Name, byte[] Der)> DerVariants(byte[] signature)
    {
        var (r, s) = SplitDer(signature);
        var order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var highS = BigInteger.Subtract(order, new BigInteger(s, isUnsigned: true, isBigEndian: true)).ToByteArray(isUnsigned: true, isBigEndian: true);
        yield return ("high s", Der(r, highS));
        yield return ("swapped", Der(s, r));
        yield return ("trailing byte", [.. signature, 0x00]);
        yield return ("extra element", Wrap([.. Int(r), .. Int(s), 0x02, 0x01, 0x00]));
        yield return ("one element", Wrap(Int(r)));
        yield return ("long-form length", [0x30, 0x81, (byte)(signature.Length - 2), .. signature[2..]]);
        yield return ("indefinite length", [0x30, 0x80, .. signature[2..], 0x00, 0x00]);
        yield return ("non-minimal integer", Wrap([.. Int([0x00, .. r]), .. Int(s)]));
        yield return ("r zero", Der([0x00], s));
        yield return ("r too long", Der([0x01, .. new byte[32]], s));
        yield return ("r padded to 33", Wrap([0x02, 33, .. new byte[33 - TrimZero(r).Length], .. TrimZero(r), .. Int(s)]));
        yield return ("IEEE P1363", [.. Pad(TrimZero(r)), .. Pad(TrimZero(s))]);
        yield return ("octet string tag", [0x30, signature[1], 0x04, .. signature[3..]]);
        yield return ("set tag", [0x31, .. signature[1..]]);
        yield return ("empty sequence", [0x30, 0x00]);
        yield return ("nested sequence", Wrap(Wrap([.. Int(r), .. Int(s)])));
    }

    private static (byte[] R, byte[] S) SplitDer(byte[] der)
    {
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        return (reader.ReadIntegerBytes().ToArray(), reader.ReadIntegerBytes().ToArray());
    }

    private static byte[] Int(byte[] content) => [0x02, (byte)content.Length, .. content];

    private static byte[] Wrap(byte[] content) => content.Length < 0x80 ? [0x30, (byte)content.Length, .. content] : [0x30, 0x81, (byte)content.Length, .. content];

    private static byte[] Der(byte[] r, byte[] s) => Wrap([.. Int(Positive(r)), .. Int(Positive(s))]);

    private static byte[] Positive(byte[] magnitude) => magnitude.Length > 0 && magnitude[0] >= 0x80 && magnitude.Length < 33 ? [0x00, .. magnitude] : magnitude;

    private static byte[] TrimZero(byte[] value) => value.Length > 1 && value[0] == 0 ? value[1..] : value;

    private static byte[] Pad(byte[] value) => [.. new byte[32 - value.Length], .. value];

    private static byte[] Cbor(Action<CborWriter> write, CborConformanceMode mode = CborConformanceMode.Strict)
    {
        var writer = new CborWriter(mode);
        write(writer);
        return writer.Encode();
    }

    private static byte[] Splice(byte[] json, string after, byte[] insert)
    {
        var marker = Encoding.UTF8.GetBytes(after);
        var at = json.AsSpan().IndexOf(marker) + marker.Length - 1;
        return [.. json[..at], .. insert, .. json[at..]];
    }

    private static AssertionOptions Options(AssertionOptions options, Action<AssertionOptions> change)
    {
        var copy = AssertionOptions.FromJson(options.ToJson());
        change(copy);
        return copy;
    }

    private static SoftwareTampering Tamper(Func<byte[], byte[]> authenticatorData) => new() { AuthenticatorData = authenticatorData };

    private static SoftwareTampering ClientData(Action<JsonObject> clientData) => new() { ClientData = clientData };

    private static byte[] SetFlags(this byte[] data, byte flags)
    {
        var copy = (byte[])data.Clone();
        copy[32] = flags;
        return copy;
    }

    private static byte[] SetCounter(this byte[] data, uint counter)
    {
        var copy = (byte[])data.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(33, 4), counter);
        return copy;
    }
}
