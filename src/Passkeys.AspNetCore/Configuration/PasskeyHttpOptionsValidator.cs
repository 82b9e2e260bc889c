using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Configuration;

/// <summary>
/// Validates <see cref="PasskeyHttpOptions"/> at start-up, with messages that say what to change.
/// </summary>
public sealed class PasskeyHttpOptionsValidator : IValidateOptions<PasskeyHttpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PasskeyHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.SignInScheme))
        {
            failures.Add("Passkeys:SignInScheme is empty. Leave it out to use the 'Passkeys' cookie scheme, or name your own sign-in scheme.");
        }

        if (!PasskeyReturnUrl.IsLocal(options.DefaultReturnUrl))
        {
            failures.Add($"Passkeys:DefaultReturnUrl '{options.DefaultReturnUrl}' must be a local path such as '/' or '/profile'.");
        }

        if (!IsCookieName(options.CeremonyCookieName) || !IsCookieName(options.RememberedUserCookieName)
            || string.Equals(options.CeremonyCookieName, options.RememberedUserCookieName, StringComparison.Ordinal))
        {
            failures.Add("Passkeys:CeremonyCookieName and Passkeys:RememberedUserCookieName must be two different cookie names of letters, digits, '.', '_' or '-'.");
        }

        if (options.RememberedUserLifetime < TimeSpan.FromMinutes(1) || options.RememberedUserLifetime > TimeSpan.FromDays(400))
        {
            failures.Add($"Passkeys:RememberedUserLifetime is {options.RememberedUserLifetime}; use between 00:01:00 and 400.00:00:00 (30 days is usual).");
        }

        if (options.SecurityStampValidationInterval < TimeSpan.Zero || options.SecurityStampValidationInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"Passkeys:SecurityStampValidationInterval is {options.SecurityStampValidationInterval}; use between 00:00:00 (every request) and 1.00:00:00 (00:05:00 is usual).");
        }

        if (options.RecentAuthenticationWindow < TimeSpan.FromSeconds(30) || options.RecentAuthenticationWindow > TimeSpan.FromHours(1))
        {
            failures.Add($"Passkeys:RecentAuthenticationWindow is {options.RecentAuthenticationWindow}; use between 00:00:30 and 01:00:00 (00:05:00 is usual): a passkey ceremony counts as recent for that long.");
        }

        if (options.MaxRequestBodySize is < 1024 or > 1024 * 1024)
        {
            failures.Add($"Passkeys:MaxRequestBodySize is {options.MaxRequestBodySize}; use 1024 to 1048576 bytes (65536 is plenty for any passkey response).");
        }

        if (options.StoreUnavailableRetryAfter < TimeSpan.FromSeconds(1) || options.StoreUnavailableRetryAfter > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Passkeys:StoreUnavailableRetryAfter is {options.StoreUnavailableRetryAfter}; use between 00:00:01 and 00:10:00 (00:00:05 is usual).");
        }

        if (options.RateLimitPermitLimit < 1 || options.RateLimitWindow <= TimeSpan.Zero)
        {
            failures.Add("Passkeys:RateLimitPermitLimit must be at least 1 and Passkeys:RateLimitWindow longer than zero.");
        }

        if (options.CeremonyShareIPv6PrefixLength is < 32 or > 128)
        {
            failures.Add($"Passkeys:CeremonyShareIPv6PrefixLength is {options.CeremonyShareIPv6PrefixLength}; use 32 to 128 bits (48, one network's usual share, is the default).");
        }

        if (options.RateLimitIPv6PrefixLength is < 32 or > 128)
        {
            failures.Add($"Passkeys:RateLimitIPv6PrefixLength is {options.RateLimitIPv6PrefixLength}; use 32 to 128 bits (64, one host's usual share, is the default).");
        }

        WellKnownOptionsValidator.Validate(options, failures);

        if (options.Events is null)
        {
            failures.Add("Passkeys:Events is null; leave it unset or give it handlers.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsCookieName(string name)
        => !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
