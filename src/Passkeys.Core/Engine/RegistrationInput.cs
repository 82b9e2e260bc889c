using System.Globalization;
using System.Net.Mail;
using Passkeys.Names;

namespace Passkeys.Engine;

/// <summary>
/// Checks and normalises what a person types to create an account.
/// </summary>
/// <remarks>
/// User names are 3 to 64 characters: letters, digits, marks and <c>. _ - @ +</c>, starting with a letter or digit.
/// Display names are at most 64 characters without control characters. Email addresses are at most 254
/// characters in the plain <c>local@domain</c> form. User names and email addresses are kept in their RFC 8265
/// UsernameCasePreserved form (fullwidth letters at their usual width, in NFC) and must have a
/// <see cref="PasskeyNameNormalizer"/> form of at most <see cref="PasskeysDefaults.MaxNormalizedNameLength"/>.
/// Neither may mix Latin, Greek and Cyrillic letters (<see cref="LookAlikeScripts"/>).
/// </remarks>
internal static class RegistrationInput
{
    public const int MinUserNameLength = 3;
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 64;
    public const int MaxEmailLength = 254;

    public static PasskeyError? Normalize(PasskeyRegistrationRequest request, out PasskeyRegistrationRequest normalized)
    {
        var userName = Prepare(request.UserName?.Trim() ?? string.Empty);
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim();
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : Prepare(request.Email.Trim());
        normalized = new PasskeyRegistrationRequest(userName, displayName, email);

        if (!IsValidUserName(userName) || !IsComparable(userName))
        {
            return new PasskeyError(PasskeyErrorCodes.InvalidUserName,
                $"A user name is {MinUserNameLength} to {MaxUserNameLength} letters, digits or . _ - @ +, starting with a letter or digit.");
        }

        if (LookAlikeScripts.AreMixedIn(userName))
        {
            return new PasskeyError(PasskeyErrorCodes.InvalidUserName,
                "A user name cannot mix Latin, Greek and Cyrillic letters: they look alike, so such a name can pass for another.");
        }

        if (displayName.Length > MaxDisplayNameLength || displayName.Any(char.IsControl) || !IsWellFormedUtf16(displayName))
        {
            return new PasskeyError(PasskeyErrorCodes.InvalidDisplayName,
                $"A display name is at most {MaxDisplayNameLength} characters without control characters.");
        }

        if (email is not null && !IsAcceptableEmail(email))
        {
            return new PasskeyError(PasskeyErrorCodes.InvalidEmail, "The email address is not valid.");
        }

        return null;
    }

    /// <summary>
    /// Prepares an address as sign-up does (trimmed, width and NFC, case kept) and says whether sign-up would take
    /// it: the same rules wherever an account names a new address.
    /// </summary>
    public static bool TryPrepareEmail(string typed, out string email)
    {
        email = Prepare(typed.Trim());
        return IsAcceptableEmail(email);
    }

    private static bool IsAcceptableEmail(string email) => IsValidEmail(email) && IsComparable(email) && !LookAlikeScripts.AreMixedIn(email);

    public static bool IsValidUserName(string userName)
    {
        if (userName.Length is < MinUserNameLength or > MaxUserNameLength || !char.IsLetterOrDigit(userName[0]))
        {
            return false;
        }

        foreach (var c in userName)
        {
            var category = char.GetUnicodeCategory(c);
            var allowed = char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                || c is '.' or '_' or '-' or '@' or '+';
            if (!allowed || category is UnicodeCategory.Surrogate)
            {
                return false;
            }
        }

        return true;
    }

    // The name as kept: UsernameCasePreserved, or as typed when the profile refuses it (IsComparable then says so).
    private static string Prepare(string value) => PasskeyNameNormalizer.TryNormalizePreservingCase(value, out var prepared) ? prepared : value;

    // Whether the name is in its kept form (Prepare did not fall back) and has a normalized form that fits every
    // store's column.
    private static bool IsComparable(string value)
        => PasskeyNameNormalizer.TryNormalizePreservingCase(value, out var prepared) && prepared == value
            && PasskeyNameNormalizer.TryNormalize(value, out var normalized) && normalized.Length <= PasskeysDefaults.MaxNormalizedNameLength;

    // A lone surrogate cannot be encoded as UTF-8 (the options' JSON) or stored faithfully by most databases.
    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidEmail(string email)
    {
        if (email.Length > MaxEmailLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        // A domain is a host name: no literal address ("[127.0.0.1]", which points the mail relay anywhere) and no
        // trailing dot ("corp.example." is the mailbox of "corp.example", a second spelling of one address).
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', StringComparison.Ordinal) != at || !email[(at + 1)..].Contains('.', StringComparison.Ordinal)
            || email[at + 1] == '[' || email[^1] == '.')
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var address) && address.Address == email && string.IsNullOrEmpty(address.DisplayName);
    }
}
