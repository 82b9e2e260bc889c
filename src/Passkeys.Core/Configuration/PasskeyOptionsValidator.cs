using Microsoft.Extensions.Options;
using Passkeys.Engine;

namespace Passkeys.Configuration;

/// <summary>
/// Validates <see cref="PasskeyOptions"/> at start-up, with messages that say what to change.
/// </summary>
public sealed class PasskeyOptionsValidator : IValidateOptions<PasskeyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PasskeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var rpId = options.RelyingPartyId;

        if (string.IsNullOrWhiteSpace(rpId))
        {
            failures.Add("Passkeys:RelyingPartyId is empty. Set it to your site's domain, such as 'example.com' (or 'localhost' in development).");
        }
        else if (rpId.Contains("://", StringComparison.Ordinal) || rpId.Contains('/', StringComparison.Ordinal) || rpId.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"Passkeys:RelyingPartyId '{rpId}' must be a bare domain such as 'example.com', without scheme, port or path.");
        }

        if (options.Origins.Count == 0)
        {
            failures.Add("Passkeys:Origins is empty. Add the origin your pages are served from, such as 'https://example.com'.");
        }

        foreach (var origin in options.Origins)
        {
            if (ValidateOrigin(origin, rpId) is { } failure)
            {
                failures.Add(failure);
            }
        }

        RelatedOriginsValidator.Validate(options, failures);

        if (options.CeremonyTimeout < TimeSpan.FromSeconds(30) || options.CeremonyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Passkeys:CeremonyTimeout is {options.CeremonyTimeout}; use between 00:00:30 and 00:10:00.");
        }

        if (PasskeyHints.TryParse(options.Hints ?? [], out _) is { } hintProblem)
        {
            failures.Add($"Passkeys:Hints: {hintProblem}");
        }

        if (options.LastUsedRefreshInterval < TimeSpan.Zero || options.LastUsedRefreshInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Passkeys:LastUsedRefreshInterval is {options.LastUsedRefreshInterval}; use between 00:00:00 and 01:00:00 (zero writes on every sign-in).");
        }

        if (options.ChallengeSize is < 16 or > 64)
        {
            failures.Add($"Passkeys:ChallengeSize is {options.ChallengeSize}; use 16 to 64 bytes (32 is recommended).");
        }

        if (options.MaxResponseLength is < 1024 or > 1024 * 1024)
        {
            failures.Add($"Passkeys:MaxResponseLength is {options.MaxResponseLength}; use 1024 to 1048576 bytes.");
        }

        if (options.MaxPasskeysPerUser is < 1 or > 1000)
        {
            failures.Add($"Passkeys:MaxPasskeysPerUser is {options.MaxPasskeysPerUser}; use 1 to 1000 passkeys.");
        }

        if (options.PublicKeyCacheSize is < 1 or > 1_000_000)
        {
            failures.Add($"Passkeys:PublicKeyCacheSize is {options.PublicKeyCacheSize}; use 1 to 1000000 keys.");
        }

        // A policy set from code to a value the enum does not name would otherwise act as whichever branch is last.
        AddIfUndefined(failures, nameof(options.SignCountRegression), options.SignCountRegression);
        AddIfUndefined(failures, nameof(options.BackupEligibilityChange), options.BackupEligibilityChange);
        AddIfUndefined(failures, nameof(options.BackupEligibility), options.BackupEligibility);
        AddIfUndefined(failures, nameof(options.BackupState), options.BackupState);

        if (options.DecoySecret is { } secret && !IsLongBase64(secret))
        {
            failures.Add("Passkeys:DecoySecret must be base64 of at least 32 random bytes (for example the output of 'openssl rand -base64 32').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfUndefined<TEnum>(List<string> failures, string name, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            failures.Add($"Passkeys:{name} is {value}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    private static string? ValidateOrigin(string origin, string rpId)
    {
        if (origin is null)
        {
            return "Passkeys:Origins has an empty entry; remove it.";
        }

        if (origin.StartsWith("android:", StringComparison.OrdinalIgnoreCase))
        {
            return OriginRules.IsAndroidOrigin(origin) ? null
                : $"Passkeys:Origins has '{origin}'. Write an Android app as 'android:apk-key-hash:' followed by the base64url (no padding, 43 characters) SHA-256 of its signing certificate.";
        }

        if (OriginRules.WebOriginProblem(origin, "Origins", out var uri) is { } problem)
        {
            return problem;
        }

        if (!string.IsNullOrWhiteSpace(rpId) && !OriginRules.IsWithin(uri!.Host, rpId))
        {
            return $"Passkeys:Origins has '{origin}', whose host is not '{rpId}' or a subdomain of it. Change the origin or Passkeys:RelyingPartyId, or list it in Passkeys:RelatedOrigins if it is another site of yours.";
        }

        return null;
    }

    private static bool IsLongBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
