using System.Buffers.Binary;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// Reads assertion authenticator data (WebAuthn §6.1) in place: rpIdHash (32 bytes), flags, a big-endian
/// counter, then extensions when ED is set, and nothing after them.
/// </summary>
internal static class AuthenticatorDataReader
{
    public const int MinLength = 37;
    public const int RpIdHashLength = 32;

    /// <summary>
    /// Reads <paramref name="data"/>, failing as Fido2's <c>AuthenticatorData.Parse</c> does.
    /// </summary>
    /// <returns><see langword="null"/> when it is well-formed; otherwise the failure, or
    /// <see cref="AssertionVerification.Delegated"/> when it carries attested credential data.</returns>
    public static AssertionVerification? Read(byte[]? data, out AuthenticatorFlags flags, out uint signCount, out int extensionsLength)
    {
        flags = 0;
        signCount = 0;
        extensionsLength = 0;
        if (data is null)
        {
            return AssertionVerification.Fail(Fido2ErrorCode.MissingAuthenticatorData);
        }

        if (data.Length < MinLength)
        {
            return AssertionVerification.Fail(Fido2ErrorCode.InvalidAuthenticatorData);
        }

        flags = (AuthenticatorFlags)data[RpIdHashLength];
        signCount = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(RpIdHashLength + 1, 4));

        // Attested credential data has no place in an assertion; Fido2 would parse and import its key.
        if ((flags & AuthenticatorFlags.AT) != 0)
        {
            return AssertionVerification.Delegated;
        }

        var position = MinLength;
        if ((flags & AuthenticatorFlags.ED) != 0)
        {
            try
            {
                position += AuthenticatorExtensionsReader.Read(data.AsMemory(position), out extensionsLength);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return AssertionVerification.Fail(Fido2ErrorCode.InvalidAuthenticatorData);
            }
        }

        // Nothing may follow the last part.
        return position == data.Length ? null : AssertionVerification.Fail(Fido2ErrorCode.InvalidAuthenticatorData);
    }
}
