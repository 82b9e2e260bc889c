using System.Formats.Cbor;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// Reads the extensions of authenticator data (WebAuthn §6.1, the ED flag): one CBOR data item, accepted only if
/// Fido2 accepts it, which decodes it strictly into its own object model and encodes it again.
/// </summary>
/// <remarks>
/// The item is copied into a strict <see cref="CborWriter"/> as it is read, so whatever the re-encoding refuses
/// (for example map keys that are distinct on the wire but equal once encoded minimally) is refused here too.
/// Only maps, arrays, text and byte strings, booleans, null and 64-bit integers are accepted, nested at most
/// <see cref="MaxDepth"/> deep. Runs only when the ED flag is set, which is rare in assertions.
/// </remarks>
internal static class AuthenticatorExtensionsReader
{
    public const int MaxDepth = 16;

    /// <summary>Reads one data item from the start of <paramref name="data"/>.</summary>
    /// <returns>The number of bytes the item takes.</returns>
    /// <exception cref="CborContentException">The item is not one Fido2 accepts (other exceptions are possible too).</exception>
    public static int Read(ReadOnlyMemory<byte> data, out int encodedLength)
    {
        var reader = new CborReader(data, CborConformanceMode.Strict);
        var writer = new CborWriter(CborConformanceMode.Strict);
        Copy(reader, writer, 0);
        encodedLength = writer.BytesWritten;
        return data.Length - reader.BytesRemaining;
    }

    private static void Copy(CborReader reader, CborWriter writer, int depth)
    {
        var state = reader.PeekState();
        switch (state)
        {
            case CborReaderState.StartMap:
                depth = Enter(depth);
                reader.ReadStartMap();
                writer.WriteStartMap(null);
                while (reader.PeekState() is not (CborReaderState.EndMap or CborReaderState.Finished))
                {
                    Copy(reader, writer, depth);
                    Copy(reader, writer, depth);
                }

                reader.ReadEndMap();
                writer.WriteEndMap();
                break;
            case CborReaderState.StartArray:
                depth = Enter(depth);
                reader.ReadStartArray();
                writer.WriteStartArray(null);
                while (reader.PeekState() is not (CborReaderState.EndArray or CborReaderState.Finished))
                {
                    Copy(reader, writer, depth);
                }

                reader.ReadEndArray();
                writer.WriteEndArray();
                break;
            case CborReaderState.TextString:
                writer.WriteTextString(reader.ReadTextString());
                break;
            case CborReaderState.ByteString:
                writer.WriteByteString(reader.ReadByteString());
                break;
            case CborReaderState.Boolean:
                writer.WriteBoolean(reader.ReadBoolean());
                break;
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                writer.WriteInt64(reader.ReadInt64());
                break;
            case CborReaderState.Null:
                reader.ReadNull();
                writer.WriteNull();
                break;
            default:
                throw new CborContentException($"CBOR {state} is not accepted in authenticator extensions.");
        }
    }

    // The outermost container is depth 1; one deeper than MaxDepth is refused.
    private static int Enter(int depth)
        => depth >= MaxDepth ? throw new CborContentException($"CBOR nests more than {MaxDepth} levels deep.") : depth + 1;
}
