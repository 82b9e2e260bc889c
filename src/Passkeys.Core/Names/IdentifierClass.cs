using System.Globalization;
using System.Text;

namespace Passkeys.Names;

/// <summary>
/// The PRECIS IdentifierClass (RFC 8264 §4.2): which code points a user name may have.
/// </summary>
/// <remarks>
/// The derived property of RFC 8264 §8, step by step: the exceptions of RFC 5892 §2.6, unassigned code points, ASCII
/// printable characters, join controls, old Hangul jamo, default-ignorable code points and noncharacters, controls,
/// code points that NFKC changes (HasCompat), and finally letters, digits and marks. The code points allowed only in
/// context (CONTEXTJ: the zero-width joiners; CONTEXTO: the middle dot, Greek keraia, Hebrew geresh and gershayim,
/// Katakana middle dot) are refused outright, since their rules need script data .NET does not have; the
/// Arabic-Indic digits, whose rule needs none, are allowed unless both sets are mixed.
/// </remarks>
internal static class IdentifierClass
{
    // What IsValid found for each BMP code point: 0 not yet asked, 1 valid, 2 not. HasCompat asks ICU, so each
    // answer is kept; a racing write stores the same byte.
    private static readonly byte[] BmpAnswers = new byte[0x10000];

    /// <summary>Gets whether the code point is PVALID in the IdentifierClass (CONTEXTJ and CONTEXTO are not).</summary>
    public static bool IsValid(int codePoint)
    {
        if (codePoint > 0xFFFF)
        {
            return Derive(codePoint);
        }

        var known = BmpAnswers[codePoint];
        if (known == 0)
        {
            known = Derive(codePoint) ? (byte)1 : (byte)2;
            BmpAnswers[codePoint] = known;
        }

        return known == 1;
    }

    private static bool Derive(int codePoint)
    {
        switch (codePoint)
        {
            // RFC 5892 §2.6 exceptions: PVALID.
            case 0x00DF or 0x03C2 or 0x06FD or 0x06FE or 0x0F0B or 0x3007:
                return true;

            // RFC 5892 §2.6 exceptions: CONTEXTO (refused here) and DISALLOWED.
            case 0x00B7 or 0x0375 or 0x05F3 or 0x05F4 or 0x30FB:
            case 0x0640 or 0x07FA or 0x302E or 0x302F or (>= 0x3031 and <= 0x3035) or 0x303B:
                return false;

            // ASCII7: the printable ASCII characters but space.
            case >= 0x21 and <= 0x7E:
                return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category is UnicodeCategory.OtherNotAssigned or UnicodeCategory.Control or UnicodeCategory.Surrogate
            || IsJoinControl(codePoint) || IsOldHangulJamo(codePoint) || IsDefaultIgnorable(codePoint) || HasCompat(codePoint))
        {
            return false;
        }

        return category is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ModifierLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>
    /// Gets whether the string keeps the context rule of the Arabic-Indic digits (RFC 5892 Appendix A.8 and A.9):
    /// U+0660 to U+0669 and U+06F0 to U+06F9 never in one string.
    /// </summary>
    public static bool IsValidInContext(string value)
        => !(value.AsSpan().ContainsAnyInRange('\u0660', '\u0669') && value.AsSpan().ContainsAnyInRange('\u06F0', '\u06F9'));

    private static bool IsJoinControl(int codePoint) => codePoint is 0x200C or 0x200D;

    // Hangul_Syllable_Type L, V or T (the conjoining jamo).
    private static bool IsOldHangulJamo(int codePoint)
        => codePoint is (>= 0x1100 and <= 0x11FF) or (>= 0xA960 and <= 0xA97C) or (>= 0xD7B0 and <= 0xD7C6) or (>= 0xD7CB and <= 0xD7FB);

    // Default_Ignorable_Code_Point (DerivedCoreProperties.txt); noncharacters are unassigned, so refused above.
    private static bool IsDefaultIgnorable(int codePoint)
        => codePoint is 0x00AD or 0x034F or 0x061C or (>= 0x115F and <= 0x1160) or (>= 0x17B4 and <= 0x17B5)
            or (>= 0x180B and <= 0x180F) or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2060 and <= 0x206F)
            or 0x3164 or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF or 0xFFA0 or (>= 0xFFF0 and <= 0xFFF8)
            or (>= 0x1BCA0 and <= 0x1BCA3) or (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE0FFF);

    // RFC 8264 §9.17: toNFKC(cp) != cp.
    private static bool HasCompat(int codePoint)
    {
        if (codePoint < 0xA0)
        {
            return false;
        }

        var text = char.ConvertFromUtf32(codePoint);
        try
        {
            return !text.IsNormalized(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
