namespace Passkeys.Engine.FastPath;

/// <summary>
/// Turns a canonical DER <c>Ecdsa-Sig-Value</c> (<c>SEQUENCE { r INTEGER, s INTEGER }</c>) into the fixed-size
/// <c>r || s</c> form, without allocating.
/// </summary>
/// <remarks>
/// Fido2 reads the signature with lenient BER rules (it accepts, for example, trailing bytes, extra elements and
/// integers that look negative). Only canonical DER, the form every authenticator sends, is decoded here; for it
/// both readers find the same <c>r</c> and <c>s</c>. Anything else is <see cref="SignatureCheck.Undecided"/> and
/// left to Fido2, so the two never disagree.
/// </remarks>
internal static class EcdsaSignatureDecoder
{
    private const byte SequenceTag = 0x30;
    private const byte IntegerTag = 0x02;

    public static SignatureCheck TryDecode(ReadOnlySpan<byte> der, int fieldSize, Span<byte> ieee)
    {
        if (der.Length < 2 || der[0] != SequenceTag)
        {
            return SignatureCheck.Undecided;
        }

        int length, position;
        if (der[1] < 0x80)
        {
            (length, position) = (der[1], 2);
        }
        else if (der[1] == 0x81 && der.Length > 2 && der[2] >= 0x80)
        {
            (length, position) = (der[2], 3);
        }
        else
        {
            return SignatureCheck.Undecided;
        }

        if (position + length != der.Length)
        {
            return SignatureCheck.Undecided;
        }

        ieee.Clear();
        var r = ReadInteger(der, ref position, fieldSize, ieee[..fieldSize]);
        if (r == SignatureCheck.Undecided)
        {
            return r;
        }

        var s = ReadInteger(der, ref position, fieldSize, ieee[fieldSize..]);
        if (s == SignatureCheck.Undecided || position != der.Length)
        {
            return SignatureCheck.Undecided;
        }

        return r == SignatureCheck.Invalid ? r : s;
    }

    // Reads one minimal, positive, non-zero INTEGER and right-aligns its magnitude in destination.
    private static SignatureCheck ReadInteger(ReadOnlySpan<byte> der, ref int position, int fieldSize, Span<byte> destination)
    {
        if (der.Length - position < 3 || der[position] != IntegerTag || der[position + 1] >= 0x80)
        {
            return SignatureCheck.Undecided;
        }

        var length = der[position + 1];
        if (length == 0 || length > der.Length - position - 2)
        {
            return SignatureCheck.Undecided;
        }

        var content = der.Slice(position + 2, length);
        position += 2 + length;

        // Negative, zero and non-minimal integers are not canonical: Fido2 decides those.
        if (content[0] >= 0x80 || (content[0] == 0 && (length == 1 || content[1] < 0x80)))
        {
            return SignatureCheck.Undecided;
        }

        var magnitude = content[0] == 0 ? content[1..] : content;
        if (magnitude.Length > fieldSize)
        {
            // Fido2 cannot fit it in the field either and reports an invalid signature.
            return SignatureCheck.Invalid;
        }

        magnitude.CopyTo(destination[(fieldSize - magnitude.Length)..]);
        return SignatureCheck.Valid;
    }
}
