using System.Collections.Frozen;

namespace Passkeys.Names;

/// <summary>
/// The two mappings of RFC 8264 that .NET has no call for: width mapping (§9.11, a fullwidth or halfwidth code point
/// to its decomposition) and the full mappings of Unicode Default Case Folding (§9.12, <c>CaseFolding.txt</c> status F).
/// </summary>
/// <remarks>
/// Generated from the Unicode Character Database (14.0; the F mappings have not changed since): every code point with a
/// <c>&lt;wide&gt;</c> or <c>&lt;narrow&gt;</c> decomposition is U+3000 or in U+FF01 to U+FFEE, and the F mappings are
/// the 104 below. Simple and common foldings (status C and S) come from .NET's own case data (see
/// <see cref="UsernameProfile"/>).
/// </remarks>
internal static class UnicodeMappings
{
    // U+FF5F to U+FFEE: what each maps to under width mapping, or U+0000 where nothing is assigned.
    private const string HalfwidthAndFullwidth = ""
        + "\u2985\u2986\u3002\u300C\u300D\u3001\u30FB\u30F2\u30A1\u30A3\u30A5\u30A7\u30A9\u30E3\u30E5\u30E7"
        + "\u30C3\u30FC\u30A2\u30A4\u30A6\u30A8\u30AA\u30AB\u30AD\u30AF\u30B1\u30B3\u30B5\u30B7\u30B9\u30BB"
        + "\u30BD\u30BF\u30C1\u30C4\u30C6\u30C8\u30CA\u30CB\u30CC\u30CD\u30CE\u30CF\u30D2\u30D5\u30D8\u30DB"
        + "\u30DE\u30DF\u30E0\u30E1\u30E2\u30E4\u30E6\u30E8\u30E9\u30EA\u30EB\u30EC\u30ED\u30EF\u30F3\u3099"
        + "\u309A\u3164\u3131\u3132\u3133\u3134\u3135\u3136\u3137\u3138\u3139\u313A\u313B\u313C\u313D\u313E"
        + "\u313F\u3140\u3141\u3142\u3143\u3144\u3145\u3146\u3147\u3148\u3149\u314A\u314B\u314C\u314D\u314E"
        + "\u0000\u0000\u0000\u314F\u3150\u3151\u3152\u3153\u3154\u0000\u0000\u3155\u3156\u3157\u3158\u3159"
        + "\u315A\u0000\u0000\u315B\u315C\u315D\u315E\u315F\u3160\u0000\u0000\u3161\u3162\u3163\u0000\u0000"
        + "\u0000\u00A2\u00A3\u00AC\u00AF\u00A6\u00A5\u20A9\u0000\u2502\u2190\u2191\u2192\u2193\u25A0\u25CB";

    private static readonly FrozenDictionary<int, string> FullFoldings = new Dictionary<int, string>
    {
        [0x00DF] = "\u0073\u0073",
        [0x0130] = "\u0069\u0307",
        [0x0149] = "\u02BC\u006E",
        [0x01F0] = "\u006A\u030C",
        [0x0390] = "\u03B9\u0308\u0301",
        [0x03B0] = "\u03C5\u0308\u0301",
        [0x0587] = "\u0565\u0582",
        [0x1E96] = "\u0068\u0331",
        [0x1E97] = "\u0074\u0308",
        [0x1E98] = "\u0077\u030A",
        [0x1E99] = "\u0079\u030A",
        [0x1E9A] = "\u0061\u02BE",
        [0x1E9E] = "\u0073\u0073",
        [0x1F50] = "\u03C5\u0313",
        [0x1F52] = "\u03C5\u0313\u0300",
        [0x1F54] = "\u03C5\u0313\u0301",
        [0x1F56] = "\u03C5\u0313\u0342",
        [0x1F80] = "\u1F00\u03B9",
        [0x1F81] = "\u1F01\u03B9",
        [0x1F82] = "\u1F02\u03B9",
        [0x1F83] = "\u1F03\u03B9",
        [0x1F84] = "\u1F04\u03B9",
        [0x1F85] = "\u1F05\u03B9",
        [0x1F86] = "\u1F06\u03B9",
        [0x1F87] = "\u1F07\u03B9",
        [0x1F88] = "\u1F00\u03B9",
        [0x1F89] = "\u1F01\u03B9",
        [0x1F8A] = "\u1F02\u03B9",
        [0x1F8B] = "\u1F03\u03B9",
        [0x1F8C] = "\u1F04\u03B9",
        [0x1F8D] = "\u1F05\u03B9",
        [0x1F8E] = "\u1F06\u03B9",
        [0x1F8F] = "\u1F07\u03B9",
        [0x1F90] = "\u1F20\u03B9",
        [0x1F91] = "\u1F21\u03B9",
        [0x1F92] = "\u1F22\u03B9",
        [0x1F93] = "\u1F23\u03B9",
        [0x1F94] = "\u1F24\u03B9",
        [0x1F95] = "\u1F25\u03B9",
        [0x1F96] = "\u1F26\u03B9",
        [0x1F97] = "\u1F27\u03B9",
        [0x1F98] = "\u1F20\u03B9",
        [0x1F99] = "\u1F21\u03B9",
        [0x1F9A] = "\u1F22\u03B9",
        [0x1F9B] = "\u1F23\u03B9",
        [0x1F9C] = "\u1F24\u03B9",
        [0x1F9D] = "\u1F25\u03B9",
        [0x1F9E] = "\u1F26\u03B9",
        [0x1F9F] = "\u1F27\u03B9",
        [0x1FA0] = "\u1F60\u03B9",
        [0x1FA1] = "\u1F61\u03B9",
        [0x1FA2] = "\u1F62\u03B9",
        [0x1FA3] = "\u1F63\u03B9",
        [0x1FA4] = "\u1F64\u03B9",
        [0x1FA5] = "\u1F65\u03B9",
        [0x1FA6] = "\u1F66\u03B9",
        [0x1FA7] = "\u1F67\u03B9",
        [0x1FA8] = "\u1F60\u03B9",
        [0x1FA9] = "\u1F61\u03B9",
        [0x1FAA] = "\u1F62\u03B9",
        [0x1FAB] = "\u1F63\u03B9",
        [0x1FAC] = "\u1F64\u03B9",
        [0x1FAD] = "\u1F65\u03B9",
        [0x1FAE] = "\u1F66\u03B9",
        [0x1FAF] = "\u1F67\u03B9",
        [0x1FB2] = "\u1F70\u03B9",
        [0x1FB3] = "\u03B1\u03B9",
        [0x1FB4] = "\u03AC\u03B9",
        [0x1FB6] = "\u03B1\u0342",
        [0x1FB7] = "\u03B1\u0342\u03B9",
        [0x1FBC] = "\u03B1\u03B9",
        [0x1FC2] = "\u1F74\u03B9",
        [0x1FC3] = "\u03B7\u03B9",
        [0x1FC4] = "\u03AE\u03B9",
        [0x1FC6] = "\u03B7\u0342",
        [0x1FC7] = "\u03B7\u0342\u03B9",
        [0x1FCC] = "\u03B7\u03B9",
        [0x1FD2] = "\u03B9\u0308\u0300",
        [0x1FD3] = "\u03B9\u0308\u0301",
        [0x1FD6] = "\u03B9\u0342",
        [0x1FD7] = "\u03B9\u0308\u0342",
        [0x1FE2] = "\u03C5\u0308\u0300",
        [0x1FE3] = "\u03C5\u0308\u0301",
        [0x1FE4] = "\u03C1\u0313",
        [0x1FE6] = "\u03C5\u0342",
        [0x1FE7] = "\u03C5\u0308\u0342",
        [0x1FF2] = "\u1F7C\u03B9",
        [0x1FF3] = "\u03C9\u03B9",
        [0x1FF4] = "\u03CE\u03B9",
        [0x1FF6] = "\u03C9\u0342",
        [0x1FF7] = "\u03C9\u0342\u03B9",
        [0x1FFC] = "\u03C9\u03B9",
        [0xFB00] = "\u0066\u0066",
        [0xFB01] = "\u0066\u0069",
        [0xFB02] = "\u0066\u006C",
        [0xFB03] = "\u0066\u0066\u0069",
        [0xFB04] = "\u0066\u0066\u006C",
        [0xFB05] = "\u0073\u0074",
        [0xFB06] = "\u0073\u0074",
        [0xFB13] = "\u0574\u0576",
        [0xFB14] = "\u0574\u0565",
        [0xFB15] = "\u0574\u056B",
        [0xFB16] = "\u057E\u0576",
        [0xFB17] = "\u0574\u056D",
    }.ToFrozenDictionary();

    /// <summary>Gets what width mapping makes of the code point: itself unless it is fullwidth or halfwidth.</summary>
    public static int MapWidth(int codePoint) => codePoint switch
    {
        0x3000 => 0x0020,
        >= 0xFF01 and <= 0xFF5E => codePoint - 0xFEE0,
        >= 0xFF5F and <= 0xFFEE when HalfwidthAndFullwidth[codePoint - 0xFF5F] != 0 => HalfwidthAndFullwidth[codePoint - 0xFF5F],
        _ => codePoint,
    };

    /// <summary>Gets the full case folding of the code point when it folds to more than one code point.</summary>
    public static string? FullFolding(int codePoint) => FullFoldings.GetValueOrDefault(codePoint);
}
