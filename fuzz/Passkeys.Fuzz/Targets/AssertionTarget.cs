namespace Passkeys.Fuzz.Targets;

/// <summary>
/// <c>assertion</c>: a whole assertion from fuzz bytes, verified by the fast path (<c>AssertionVerifier</c>) and by
/// Fido2's <c>MakeAssertionAsync</c>, which must agree (an accept on one side and a refusal on the other, or another
/// error code, is a finding).
/// </summary>
/// <remarks>
/// The input is five header bytes (algorithm, configuration, user verification requirement, mode, stored counter)
/// and four sections: authenticator data, client data JSON, signature bytes, stored-key edits. The mode's low two
/// bits choose the signature: 0 signed over the sections, 1 signed and then changed by the signature section's
/// (index, xor) pairs, 2 the signature section as it is, 3 signed with the signature section appended. Bit 2 applies
/// the key-edit section's (index, xor) pairs to the stored COSE key; the high bits are an <see cref="AssertionShape"/>.
/// </remarks>
public sealed class AssertionTarget : IFuzzTarget
{
    public string Name => "assertion";

    public void Run(ReadOnlySpan<byte> input)
    {
        var reader = new FuzzInput(input);
        var algorithm = reader.Byte() % AssertionBench.Algorithms;
        var configuration = reader.Byte() % AssertionBench.Configurations;
        var userVerification = reader.Byte();
        var mode = reader.Byte();
        var storedCounter = reader.Byte();
        var authenticatorData = reader.Section();
        var clientData = reader.Section();
        var signatureSection = reader.Section();
        var keyEdits = reader.Section();

        var signature = (mode & 3) switch
        {
            0 => AssertionBench.Sign(algorithm, authenticatorData, clientData),
            1 => Xor(AssertionBench.Sign(algorithm, authenticatorData, clientData), signatureSection),
            2 => signatureSection,
            _ => [.. AssertionBench.Sign(algorithm, authenticatorData, clientData), .. signatureSection],
        };
        var storedKey = AssertionBench.Credential(algorithm).PublicKey;
        if ((mode & 4) != 0)
        {
            storedKey = Xor(storedKey, keyEdits);
        }

        var shape = (AssertionShape)(mode >> 3);
        AssertionBench.Check(configuration, AssertionBench.Case(algorithm, userVerification, authenticatorData, clientData, signature, shape, storedKey, storedCounter));
    }

    public IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        var clientData = AssertionBench.BrowserClientData().ToArray();
        var authenticatorData = AssertionBench.AuthenticatorDataShapes().ToArray();
        for (var algorithm = 0; algorithm < AssertionBench.Algorithms; algorithm++)
        {
            for (var i = 0; i < authenticatorData.Length; i++)
            {
                var (dataName, data) = authenticatorData[i];
                var (jsonName, json) = clientData[i % clientData.Length];
                var configuration = (byte)(i % AssertionBench.Configurations);
                yield return ($"{algorithm}-{dataName}-{jsonName}", FuzzInput.Write([(byte)algorithm, configuration, (byte)(i % 3), 0, 0], data, json, [], []));
            }

            var valid = authenticatorData[1].Data;
            var chrome = clientData[0].Json;
            yield return ($"{algorithm}-signature-edited", FuzzInput.Write([(byte)algorithm, 0, 0, 1, 0], valid, chrome, [8, 0x01], []));
            yield return ($"{algorithm}-signature-given", FuzzInput.Write([(byte)algorithm, 0, 0, 2, 0], valid, chrome, [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01], []));
            yield return ($"{algorithm}-signature-trailing", FuzzInput.Write([(byte)algorithm, 0, 0, 3, 0], valid, chrome, [0x00], []));
            yield return ($"{algorithm}-key-edited", FuzzInput.Write([(byte)algorithm, 0, 0, 4, 0], valid, chrome, [], [12, 0x80]));
            yield return ($"{algorithm}-counter-stored", FuzzInput.Write([(byte)algorithm, 0, 0, 0, 200], valid, chrome, [], []));
            foreach (var shape in Enum.GetValues<AssertionShape>().Where(s => s != AssertionShape.None))
            {
                yield return ($"{algorithm}-{shape}", FuzzInput.Write([(byte)algorithm, 0, 0, (byte)((int)shape << 3), 0], valid, chrome, [], []));
            }
        }
    }

    private static byte[] Xor(byte[] bytes, byte[] edits)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i + 1 < edits.Length && copy.Length > 0; i += 2)
        {
            copy[edits[i] % copy.Length] ^= edits[i + 1];
        }

        return copy;
    }
}
