using System.Globalization;

namespace Passkeys.Names;

/// <summary>
/// The directionality rule of RFC 8265 (the Bidi Rule of RFC 5893 for strings with right-to-left characters), read
/// strictly because .NET does not expose the Bidi_Class property: code points are classed by block and category.
/// </summary>
/// <remarks>
/// A string with a right-to-left letter or an Arabic-Indic digit must start with a right-to-left letter, end with a
/// right-to-left letter or a digit (marks after it allowed), have no left-to-right letter or digit of another
/// script, and not mix European and Arabic-Indic digits. Strings without right-to-left code points are not touched.
/// </remarks>
internal static class RightToLeft
{
    private enum Direction
    {
        Neutral,
        LeftToRight,
        RightToLeft,
        EuropeanNumber,
        ArabicNumber,
        Mark,
    }

    /// <summary>Gets whether the string keeps the rule.</summary>
    public static bool IsAllowed(string value)
    {
        var directions = value.EnumerateRunes().Select(r => Classify(r.Value)).ToList();
        if (!directions.Any(d => d is Direction.RightToLeft or Direction.ArabicNumber))
        {
            return true;
        }

        var last = directions.FindLast(d => d != Direction.Mark);
        return directions[0] == Direction.RightToLeft
            && last is Direction.RightToLeft or Direction.EuropeanNumber or Direction.ArabicNumber
            && !directions.Contains(Direction.LeftToRight)
            && !(directions.Contains(Direction.EuropeanNumber) && directions.Contains(Direction.ArabicNumber));
    }

    private static Direction Classify(int codePoint)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return category switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => Direction.Mark,
            UnicodeCategory.DecimalDigitNumber => codePoint switch
            {
                (>= 0x30 and <= 0x39) or (>= 0x06F0 and <= 0x06F9) => Direction.EuropeanNumber,
                >= 0x0660 and <= 0x0669 => Direction.ArabicNumber,
                _ when IsRightToLeftBlock(codePoint) => Direction.RightToLeft,
                _ => Direction.LeftToRight,
            },
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.SpacingCombiningMark
                => IsRightToLeftBlock(codePoint) ? Direction.RightToLeft : Direction.LeftToRight,
            _ => Direction.Neutral,
        };
    }

    // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their supplements and presentation forms, and the
    // supplementary right-to-left ranges.
    private static bool IsRightToLeftBlock(int codePoint)
        => codePoint is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF)
            or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF);
}
