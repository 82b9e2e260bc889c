using System.Text;
using CsCheck;

namespace Passkeys.Names;

/// <summary>
/// The RFC 8265 UsernameCaseMapped profile: which spellings are one name, which names are refused, and that the
/// normalized form is a fixed point.
/// </summary>
public class PasskeyNameNormalizerTests
{
    // Code points from the ranges where the profile has work to do, and from anywhere at all.
    private static readonly Gen<int> CodePoint = Gen.OneOf(
            Gen.Int[0x21, 0x7E],
            Gen.Int[0xA0, 0x24F],
            Gen.Int[0x300, 0x36F],
            Gen.Int[0x370, 0x52F],
            Gen.Int[0x1E00, 0x1FFF],
            Gen.Int[0x13A0, 0x13FD],
            Gen.Int[0xAB70, 0xABBF],
            Gen.Int[0xFF00, 0xFFEF],
            Gen.OneOf(0x3000, 0x00DF, 0x1E9E, 0x0130, 0x0131, 0x03A3, 0x03C2, 0x03C3, 0x0345, 0x212A, 0x212B, 0x200D, 0xFB01),
            Gen.Int[0, 0x10FFFF])
        .Where(cp => cp is < 0xD800 or > 0xDFFF);

    private static readonly Gen<string> AnyText = CodePoint.Array[1, 12].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    // Names the profile accepts: letters of Latin, Greek and Cyrillic (with their accented forms) and ASCII digits.
    internal static readonly Gen<string> Name = Gen.OneOf(Gen.Int['a', 'z'], Gen.Int['0', '9'], Gen.Int[0xC0, 0x17F], Gen.Int[0x386, 0x3CE], Gen.Int[0x400, 0x45F])
        .Where(cp => PasskeyNameNormalizer.TryNormalize(char.ConvertFromUtf32(cp), out _))
        .Array[1, 16]
        .Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    [TestCase("josé", "jose\u0301", TestName = "NFC and NFD")]
    [TestCase("grace", "ｇｒａｃｅ", TestName = "ASCII and fullwidth")]
    [TestCase("alice@example.com", "ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", TestName = "ASCII and fullwidth email")]
    [TestCase("ｶﾞ", "ガ", TestName = "halfwidth and fullwidth katakana")]
    [TestCase("Alice", "aLICE", TestName = "ASCII case")]
    [TestCase("straße", "STRASSE", TestName = "ß and SS")]
    [TestCase("straße", "STRAẞE", TestName = "ß and ẞ")]
    [TestCase("ΟΔΥΣΣΕΥΣ", "οδυσσευς", TestName = "Σ and ς")]
    [TestCase("σοφία", "ΣΟΦΊΑ", TestName = "σ and Σ with tonos")]
    [TestCase("İstanbul", "i\u0307stanbul", TestName = "dotted capital I and i with combining dot")]
    [TestCase("ISTANBUL", "istanbul", TestName = "I and i")]
    [TestCase("ÅNGSTRÖM", "ångström", TestName = "Latin-1 case")]
    [TestCase("ᏣᎳᎩ", "ꮳꮃꭹ", TestName = "Cherokee case")]
    [TestCase("a\u0345\u0337", "a\u0337\u0345", TestName = "ypogegrammeni before and after another mark")]
    public void Spellings_are_one_name(string one, string other)
        => Assert.That(PasskeyNameNormalizer.Normalize(other), Is.EqualTo(PasskeyNameNormalizer.Normalize(one)));

    [TestCase("istanbul", "ıstanbul", TestName = "i and dotless i")]
    [TestCase("istanbul", "İstanbul", TestName = "i and dotted capital I")]
    [TestCase("alice", "alice1", TestName = "different names")]
    [TestCase("ss", "s", TestName = "ss and s")]
    public void Spellings_are_different_names(string one, string other)
        => Assert.That(PasskeyNameNormalizer.Normalize(other), Is.Not.EqualTo(PasskeyNameNormalizer.Normalize(one)));

    [TestCase("", TestName = "empty")]
    [TestCase("ali ce", TestName = "space")]
    [TestCase(" alice", TestName = "leading space")]
    [TestCase("ali\u3000ce", TestName = "ideographic space")]
    [TestCase("ali\u00A0ce", TestName = "no-break space")]
    [TestCase("ali\tce", TestName = "tab")]
    [TestCase("ali\u0000ce", TestName = "NUL")]
    [TestCase("ali\u0085ce", TestName = "C1 control")]
    [TestCase("ali\u200Bce", TestName = "zero-width space")]
    [TestCase("ali\u200Dce", TestName = "zero-width joiner")]
    [TestCase("ali\u00ADce", TestName = "soft hyphen")]
    [TestCase("alice\uFE0F", TestName = "variation selector")]
    [TestCase("ali\u202Ece", TestName = "bidi override")]
    [TestCase("ali\u0378ce", TestName = "unassigned")]
    [TestCase("ali\uFDD0ce", TestName = "noncharacter")]
    [TestCase("ali\uE000ce", TestName = "private use")]
    [TestCase("ali\uD800ce", TestName = "unpaired surrogate")]
    [TestCase("ﬁona", TestName = "ligature")]
    [TestCase("ǅemal", TestName = "titlecase digraph")]
    [TestCase("ⓐlice", TestName = "circled letter")]
    [TestCase("alice²", TestName = "superscript")]
    [TestCase("\u212Aelvin", TestName = "Kelvin sign")]
    [TestCase("alice😀", TestName = "emoji")]
    [TestCase("alice€", TestName = "symbol outside ASCII")]
    [TestCase("l·l", TestName = "middle dot (allowed only in context)")]
    [TestCase("a\u05D0", TestName = "left-to-right letter before a right-to-left one")]
    [TestCase("\u05D0a", TestName = "right-to-left letter before a left-to-right one")]
    [TestCase("\u0645\u0661\u06F1", TestName = "both sets of Arabic-Indic digits")]
    [TestCase("\u0661\u0645", TestName = "right-to-left name starting with a digit")]
    public void Refused(string value)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PasskeyNameNormalizer.TryNormalize(value, out var normalized), Is.False, normalized);
            Assert.That(PasskeyNameNormalizer.TryNormalizePreservingCase(value, out _), Is.False, "case preserved");
            Assert.That(() => PasskeyNameNormalizer.Normalize(value), Throws.ArgumentException);
        });
    }

    [TestCase("\u05E9\u05E8\u05D4", TestName = "Hebrew")]
    [TestCase("\u05E9\u05E8\u05D4123", TestName = "Hebrew then digits")]
    [TestCase("\u0645\u062D\u0645\u062F", TestName = "Arabic")]
    [TestCase("\u0645\u0661\u0662\u0663", TestName = "Arabic letter then Arabic-Indic digits")]
    [TestCase("नमस्ते", TestName = "Devanagari with marks")]
    [TestCase("山田", TestName = "Han")]
    [TestCase("user-1_x.y+z@example.com", TestName = "ASCII punctuation")]
    public void Accepted(string value) => Assert.That(PasskeyNameNormalizer.TryNormalize(value, out _), Is.True);

    [Test]
    public void Longer_than_1024_code_units_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PasskeyNameNormalizer.TryNormalize(new string('a', 1024), out _), Is.True, "1024");
            Assert.That(PasskeyNameNormalizer.TryNormalize(new string('a', 1025), out _), Is.False, "1025");
        });
    }

    [Test]
    public void Case_preserving_form_maps_width_and_NFC_but_keeps_case()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PasskeyNameNormalizer.TryNormalizePreservingCase("ＧＲＡＣＥ", out var wide) ? wide : null, Is.EqualTo("GRACE"));
            Assert.That(PasskeyNameNormalizer.TryNormalizePreservingCase("JOSE\u0301", out var nfd) ? nfd : null, Is.EqualTo("JOS\u00C9"));
            Assert.That(PasskeyNameNormalizer.TryNormalizePreservingCase("Straße", out var sharp) ? sharp : null, Is.EqualTo("Straße"));
        });
    }

    [Test]
    public void Normalized_form_is_a_fixed_point() => AnyText.Sample(text =>
    {
        if (PasskeyNameNormalizer.TryNormalize(text, out var once))
        {
            return PasskeyNameNormalizer.TryNormalize(once, out var twice) && twice == once;
        }

        return true;
    });

    [Test]
    public void Case_preserved_form_is_a_fixed_point_with_the_same_normalized_form() => AnyText.Sample(text =>
    {
        // The converse does not hold: NFC can compose a titlecase letter (U+1F0B U+0345 is U+1F8B), which the
        // case-preserving form refuses and the case-mapped one, folding first, does not.
        if (!PasskeyNameNormalizer.TryNormalizePreservingCase(text, out var prepared))
        {
            return true;
        }

        return PasskeyNameNormalizer.TryNormalizePreservingCase(prepared, out var again) && again == prepared
            && PasskeyNameNormalizer.Normalize(prepared) == PasskeyNameNormalizer.Normalize(text);
    });

    [Test]
    public void Normalized_form_has_no_upper_case_fullwidth_or_decomposed_letters() => AnyText.Sample(text =>
    {
        if (!PasskeyNameNormalizer.TryNormalize(text, out var normalized))
        {
            return true;
        }

        return normalized.IsNormalized(NormalizationForm.FormC)
            && !normalized.Any(c => c is >= '\uFF01' and <= '\uFFEE' or '\u3000')
            && normalized.EnumerateRunes().All(r => !Rune.IsUpper(r) || r.Value is >= 0x13A0 and <= 0x13F5);
    });

    [Test]
    public void Look_alike_spellings_normalize_alike() => Gen.Select(Name, Gen.Int).Sample((name, seed) =>
    {
        var lookAlike = LookAlike(name, new Random(seed));
        return PasskeyNameNormalizer.Normalize(lookAlike) == PasskeyNameNormalizer.Normalize(name);
    });

    [Test]
    public void A_disallowed_code_point_anywhere_refuses_the_name()
        => Gen.Select(Name, Gen.OneOf(" ", "\t", "\u00A0", "\u200B", "\u0007", "\u0378", "\uE000", "😀", "€", "ﬁ", "\u3000"), Gen.Int[0, 16])
            .Sample((name, bad, at) => !PasskeyNameNormalizer.TryNormalize(name.Insert(Math.Min(at, name.Length), bad), out _));

    // Each letter in another case or fullwidth, and the whole in NFD or NFC.
    internal static string LookAlike(string text, Random random)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            var cased = random.Next(3) switch
            {
                0 => char.ToUpperInvariant(c),
                1 => char.ToLowerInvariant(c),
                _ => c,
            };
            builder.Append(cased is >= '!' and <= '~' && random.Next(2) == 0 ? (char)(cased + 0xFEE0) : cased);
        }

        return builder.ToString().Normalize(random.Next(2) == 0 ? NormalizationForm.FormD : NormalizationForm.FormC);
    }
}
