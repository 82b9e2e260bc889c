using System.Buffers;
using System.Text;

namespace Passkeys.Names;

/// <summary>
/// The PRECIS profiles for user names of RFC 8265: UsernameCaseMapped (§3.3) makes the form names are compared in,
/// UsernameCasePreserved (§3.4) the form they are shown in.
/// </summary>
/// <remarks>
/// The rules in the order of RFC 8264 §7: width mapping, then the IdentifierClass check (RFC 8264 §4.2, see
/// <see cref="IdentifierClass"/>), then Unicode Default Case Folding of the NFD form (UsernameCaseMapped only; the
/// canonical caseless matching of Unicode D145, which differs from folding first only for U+0345), NFC, and the
/// directionality rule (see <see cref="RightToLeft"/>). The rules are applied again until the result no longer
/// changes, at most three more times, and a string that does not settle is refused (RFC 8264 §7); so what comes
/// out comes out unchanged when put in again.
/// </remarks>
internal static class UsernameProfile
{
    /// <summary>The longest string the profile reads, in UTF-16 code units; a longer one is refused unread.</summary>
    public const int MaxInputLength = 1024;

    /// <summary>Applies the profile, or returns <see langword="null"/> for a string it refuses.</summary>
    public static string? Enforce(string? value, bool caseMapped)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxInputLength)
        {
            return null;
        }

        // Printable ASCII (U+0021 to U+007E) is all valid, maps to itself by width, folds to lower case and is in NFC.
        if (!value.AsSpan().ContainsAnyExcept(PrintableAscii))
        {
            return caseMapped ? value.ToLowerInvariant() : value;
        }

        var result = EnforceOnce(value, caseMapped);
        for (var again = 0; again < 3 && result is not null; again++)
        {
            var next = EnforceOnce(result, caseMapped);
            if (next == result)
            {
                return result;
            }

            result = next;
        }

        return null;
    }

    private static readonly SearchValues<char> PrintableAscii = SearchValues.Create(
        Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(c => (char)c).ToArray());

    private static string? EnforceOnce(string value, bool caseMapped)
    {
        var mapped = new StringBuilder(value.Length);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            // An unpaired surrogate is not a code point at all.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return null;
            }

            rest = rest[used..];
            var codePoint = UnicodeMappings.MapWidth(rune.Value);
            if (!IdentifierClass.IsValid(codePoint))
            {
                return null;
            }

            mapped.Append(char.ConvertFromUtf32(codePoint));
        }

        string normalized;
        try
        {
            // Folded in NFD (canonical caseless matching, Unicode D145): U+0345 folds to a letter, so folding before
            // the marks are in canonical order would give canonically equal spellings different forms.
            normalized = (caseMapped ? Fold(mapped.ToString().Normalize(NormalizationForm.FormD)) : mapped.ToString())
                .Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return IdentifierClass.IsValidInContext(normalized) && RightToLeft.IsAllowed(normalized) ? normalized : null;
    }

    // Unicode Default Case Folding, full (statuses C and F): the F mappings from the table, the rest as the lower case
    // of the upper case, which is the C mapping for every code point but Cherokee, which folds to upper case.
    private static string Fold(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (UnicodeMappings.FullFolding(rune.Value) is { } full)
            {
                builder.Append(full);
                continue;
            }

            var folded = Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)).Value;
            folded = folded switch
            {
                >= 0xAB70 and <= 0xABBF => folded - 0xAB70 + 0x13A0,
                >= 0x13F8 and <= 0x13FD => folded - 8,
                _ => folded,
            };
            builder.Append(char.ConvertFromUtf32(folded));
        }

        return builder.ToString();
    }
}
