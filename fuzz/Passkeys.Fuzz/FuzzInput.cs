using System.Buffers.Binary;

namespace Passkeys.Fuzz;

/// <summary>
/// Reads a fuzz input as a few header bytes and length-prefixed sections; whatever is missing reads as zero or empty,
/// so every input is valid and the fuzzer never wastes runs on a framing error.
/// </summary>
internal ref struct FuzzInput
{
    private ReadOnlySpan<byte> _rest;

    public FuzzInput(ReadOnlySpan<byte> input) => _rest = input;

    public byte Byte()
    {
        if (_rest.IsEmpty)
        {
            return 0;
        }

        var value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    /// <summary>A section: a big-endian 16-bit length, then that many bytes (or as many as are left).</summary>
    public byte[] Section()
    {
        if (_rest.Length < 2)
        {
            _rest = default;
            return [];
        }

        var length = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(_rest), _rest.Length - 2);
        var section = _rest.Slice(2, length).ToArray();
        _rest = _rest[(2 + length)..];
        return section;
    }

    public byte[] Rest()
    {
        var rest = _rest.ToArray();
        _rest = default;
        return rest;
    }

    /// <summary>Writes inputs in the same framing, for seeds.</summary>
    public static byte[] Write(ReadOnlySpan<byte> header, params byte[][] sections)
    {
        var buffer = new List<byte>(header.ToArray());
        foreach (var section in sections)
        {
            buffer.Add((byte)(section.Length >> 8));
            buffer.Add((byte)section.Length);
            buffer.AddRange(section);
        }

        return [.. buffer];
    }
}
