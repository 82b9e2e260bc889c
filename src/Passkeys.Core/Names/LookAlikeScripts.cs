using System.Text;

namespace Passkeys.Names;

/// <summary>
/// Latin, Greek and Cyrillic share letters that look the same (<c>a</c> and <c>а</c>, <c>e</c> and <c>е</c>,
/// <c>o</c>, <c>ο</c> and <c>о</c>, <c>p</c> and <c>р</c>): a name that mixes them can pass for another person's.
/// </summary>
/// <remarks>
/// RFC 8265 leaves confusables to the application. This is the part of Unicode's mixed-script rule (UTS #39) that
/// matters most for names typed in these alphabets; a name in one of them, or in any other script, is left alone.
/// </remarks>
internal static class LookAlikeScripts
{
    private enum Script
    {
        None,
        Latin,
        Greek,
        Cyrillic,
    }

    /// <summary>Whether <paramref name="value"/> has letters from more than one of Latin, Greek and Cyrillic.</summary>
    public static bool AreMixedIn(string value)
    {
        var seen = Script.None;
        foreach (var rune in value.EnumerateRunes())
        {
            var script = Rune.IsLetter(rune) ? ScriptOf(rune.Value) : Script.None;
            if (script == Script.None)
            {
                continue;
            }

            if (seen != Script.None && seen != script)
            {
                return true;
            }

            seen = script;
        }

        return false;
    }

    // The blocks of each script's letters (Unicode 16), fullwidth forms being mapped before this is asked.
    private static Script ScriptOf(int c) => c switch
    {
        (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= 0x00C0 and <= 0x02AF) or (>= 0x1D00 and <= 0x1D7F)
            or (>= 0x1E00 and <= 0x1EFF) or (>= 0x2C60 and <= 0x2C7F) or (>= 0xA720 and <= 0xA7FF)
            or (>= 0xAB30 and <= 0xAB6F) => Script.Latin,
        (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF) => Script.Greek,
        (>= 0x0400 and <= 0x052F) or (>= 0x1C80 and <= 0x1C8F) or (>= 0x2DE0 and <= 0x2DFF)
            or (>= 0xA640 and <= 0xA69F) => Script.Cyrillic,
        _ => Script.None,
    };
}
