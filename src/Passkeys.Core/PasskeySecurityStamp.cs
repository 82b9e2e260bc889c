using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Passkeys;

/// <summary>
/// Creates and compares security stamps: the random value stored with each user and carried by each of their
/// sign-in sessions, which is replaced to end every session that carries the old one.
/// </summary>
/// <remarks>
/// A stamp is <see cref="ByteLength"/> random bytes (256 bits) from the operating system's cryptographic generator,
/// written as base64url; it identifies nothing and can be replaced at any time.
/// </remarks>
public static class PasskeySecurityStamp
{
    /// <summary>The number of random bytes in a stamp.</summary>
    public const int ByteLength = 32;

    /// <summary>The longest stamp a store has to keep, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Creates a new random security stamp.
    /// </summary>
    /// <returns>A stamp of 43 base64url characters.</returns>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ByteLength));

    /// <summary>
    /// Compares two stamps in constant time, so the time taken says nothing about how much of a guess was right.
    /// </summary>
    /// <param name="stored">The stamp stored with the user.</param>
    /// <param name="presented">The stamp a session carries.</param>
    /// <returns>
    /// <see langword="true"/> when both are present and equal; <see langword="false"/> when either is missing or empty.
    /// </returns>
    public static bool Matches(string? stored, string? presented)
        => !string.IsNullOrEmpty(stored)
            && !string.IsNullOrEmpty(presented)
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(stored.AsSpan()), MemoryMarshal.AsBytes(presented.AsSpan()));
}
