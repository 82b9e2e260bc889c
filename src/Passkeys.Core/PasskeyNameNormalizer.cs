using System.Diagnostics.CodeAnalysis;
using Passkeys.Names;

namespace Passkeys;

/// <summary>
/// Brings user names and email addresses into the one form they are compared in: the UsernameCaseMapped profile
/// of <see href="https://www.rfc-editor.org/rfc/rfc8265#section-3.3">RFC 8265 §3.3</see>.
/// </summary>
/// <remarks>
/// <para>
/// Two spellings are the same account when their normalized forms are equal: fullwidth and halfwidth characters
/// are mapped to their usual width (<c>ｇｒａｃｅ</c> is <c>grace</c>), case is folded by Unicode Default Case Folding
/// without regard to language (<c>ß</c>, <c>ẞ</c> and <c>ss</c> are one name, and so are <c>Σ</c>, <c>σ</c> and
/// <c>ς</c>; <c>I</c> is <c>i</c>, while the Turkish <c>İ</c> is <c>i</c> with a combining dot above and <c>ı</c> is a
/// letter of its own), and the result is in Unicode Normalization Form C (<c>é</c> typed as one code point or as
/// <c>e</c> and a combining accent is one name).
/// </para>
/// <para>
/// Refused, so never a name: the empty string, spaces of every kind (callers trim the ends first; a space inside is
/// refused), control and format characters, unassigned code points, symbols and punctuation outside ASCII,
/// compatibility characters (ligatures such as <c>ﬁ</c>, superscripts, circled letters), default-ignorable code
/// points (zero-width space, variation selectors), old Hangul jamo, the code points RFC 8264 allows only in context
/// (the zero-width joiners, the middle dot and a few more; Arabic-Indic digits are allowed, but not both sets in one
/// string), strings with right-to-left letters that break the Bidi Rule of RFC 5893 (read strictly), and strings
/// longer than 1024 UTF-16 code units.
/// </para>
/// <para>
/// Every store keeps user names and email addresses unique in this form, across both: no user's name may be
/// another user's email. A custom store compares the values this class returns, ordinally.
/// </para>
/// </remarks>
public static class PasskeyNameNormalizer
{
    /// <summary>
    /// Normalizes a user name or email address into the form it is compared in (RFC 8265 UsernameCaseMapped).
    /// </summary>
    /// <param name="value">The user name or email address, without spaces at its ends.</param>
    /// <param name="normalized">The normalized form, or <see langword="null"/> when the value is refused.</param>
    /// <returns><see langword="true"/> when the value can be a name; <see langword="false"/> when it is refused.</returns>
    public static bool TryNormalize([NotNullWhen(true)] string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = UsernameProfile.Enforce(value, caseMapped: true);
        return normalized is not null;
    }

    /// <summary>
    /// Normalizes a user name or email address into the form it is compared in (RFC 8265 UsernameCaseMapped).
    /// </summary>
    /// <param name="value">The user name or email address, without spaces at its ends.</param>
    /// <returns>The normalized form.</returns>
    /// <exception cref="ArgumentException">The value is refused as a name (see the remarks of the class).</exception>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return UsernameProfile.Enforce(value, caseMapped: true)
            ?? throw new ArgumentException(
                "The value cannot be a user name or email address: it is empty, too long, or has a character RFC 8265 refuses.",
                nameof(value));
    }

    /// <summary>
    /// Brings a user name or email address into the form it is kept and shown in: the same as
    /// <see cref="TryNormalize"/> but with its case as typed (RFC 8265 §3.4, UsernameCasePreserved).
    /// </summary>
    /// <param name="value">The user name or email address, without spaces at its ends.</param>
    /// <param name="prepared">The value in its kept form, or <see langword="null"/> when the value is refused.</param>
    /// <returns><see langword="true"/> when the value can be a name; <see langword="false"/> when it is refused.</returns>
    public static bool TryNormalizePreservingCase([NotNullWhen(true)] string? value, [NotNullWhen(true)] out string? prepared)
    {
        prepared = UsernameProfile.Enforce(value, caseMapped: false);
        return prepared is not null;
    }
}
