namespace Passkeys.Engine.FastPath;

/// <summary>
/// The labels of a COSE_Key the fast path reads: kty (1), alg (3), crv or n (-1), x or e (-2) and y (-3).
/// </summary>
internal struct CoseKeyFields
{
    public int? KeyType;
    public int? Algorithm;
    public int? Curve;
    public byte[]? Modulus;
    public byte[]? X;
    public byte[]? Y;
}
