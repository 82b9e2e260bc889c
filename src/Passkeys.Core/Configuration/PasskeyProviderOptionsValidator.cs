using Microsoft.Extensions.Options;
using Passkeys.Providers;

namespace Passkeys.Configuration;

/// <summary>
/// Validates <see cref="PasskeyProviderOptions"/> at start-up, with messages that say what to change.
/// </summary>
public sealed class PasskeyProviderOptionsValidator : IValidateOptions<PasskeyProviderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PasskeyProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new HashSet<Guid>();
        if (options.Providers is null)
        {
            return ValidateOptionsResult.Fail("Passkeys:Providers is null. Leave it empty, or name providers by AAGUID.");
        }

        foreach (var (key, provider) in options.Providers)
        {
            var at = $"Passkeys:Providers:{key}";
            if (!Guid.TryParse(key, out var aaguid))
            {
                failures.Add($"{at} is not an AAGUID. Write the provider's AAGUID as a GUID, such as 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4'.");
                continue;
            }

            if (!ProviderEntryRules.TryReadAaguid(key, out _))
            {
                failures.Add($"{at} is the all-zero AAGUID, which every authenticator that does not say its model sends; it cannot name a provider. Remove the entry.");
                continue;
            }

            if (!seen.Add(aaguid))
            {
                failures.Add($"{at} names the AAGUID {aaguid} a second time (written differently). Keep one entry for it.");
            }

            if (provider is null)
            {
                failures.Add($"{at} is empty. Give it a Name.");
                continue;
            }

            if (ProviderEntryRules.NameProblem(provider.Name) is { } nameProblem)
            {
                failures.Add($"{at}:Name {nameProblem}. Give the provider a name of at most {PasskeysDefaults.MaxCredentialNameLength} characters, such as 'Google Password Manager'.");
            }

            AddIconFailure(failures, at + ":IconLight", provider.IconLight);
            AddIconFailure(failures, at + ":IconDark", provider.IconDark);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIconFailure(List<string> failures, string at, string? icon)
    {
        if (!string.IsNullOrEmpty(icon) && ProviderEntryRules.IconProblem(icon) is { } problem)
        {
            failures.Add($"{at} {problem}. Use a data URI of a PNG, SVG or WebP image in base64 (data:image/svg+xml;base64,…) or an https URL; icons are shown in <img> elements of account pages.");
        }
    }
}
