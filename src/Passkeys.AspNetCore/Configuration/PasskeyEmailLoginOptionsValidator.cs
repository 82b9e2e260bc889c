using Microsoft.Extensions.Options;
using MimeKit;

namespace Passkeys.AspNetCore.Configuration;

/// <summary>
/// Validates <see cref="PasskeyEmailLoginOptions"/> at start-up, with messages that say what to change.
/// </summary>
public sealed class PasskeyEmailLoginOptionsValidator : IValidateOptions<PasskeyEmailLoginOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PasskeyEmailLoginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add($"Email:From '{options.From}' is not an email address; write the sender, such as 'Example <no-reply@example.com>'.");
        }

        if (options.PublicOrigin is not null
            && (!Uri.TryCreate(options.PublicOrigin, UriKind.Absolute, out var origin)
                || (origin.Scheme != Uri.UriSchemeHttps && origin.Scheme != Uri.UriSchemeHttp)
                || origin.PathAndQuery != "/" || !string.IsNullOrEmpty(origin.Fragment) || !string.IsNullOrEmpty(origin.UserInfo)))
        {
            failures.Add($"Email:PublicOrigin '{options.PublicOrigin}' must be an origin such as 'https://example.com', without a path; leave it out to use the first of Passkeys:Origins.");
        }

        if (!PasskeyReturnUrl.IsLocal(options.ConfirmPath) || options.ConfirmPath.Contains('?', StringComparison.Ordinal) || options.ConfirmPath.Contains('#', StringComparison.Ordinal))
        {
            failures.Add($"Email:ConfirmPath '{options.ConfirmPath}' must be a local path without a query, such as '/email-login/confirm'.");
        }

        if (!PasskeyReturnUrl.IsLocal(options.SetupUrl))
        {
            failures.Add($"Email:SetupUrl '{options.SetupUrl}' must be a local URL such as '/passkeys?setup=1'.");
        }

        if (!PasskeyReturnUrl.IsLocal(options.VerifyPath) || options.VerifyPath.Contains('?', StringComparison.Ordinal) || options.VerifyPath.Contains('#', StringComparison.Ordinal))
        {
            failures.Add($"Email:VerifyPath '{options.VerifyPath}' must be a local path without a query, such as '/email/verify'.");
        }

        if (options.VerificationLinkLifetime < TimeSpan.FromMinutes(10) || options.VerificationLinkLifetime > TimeSpan.FromDays(7))
        {
            failures.Add($"Email:VerificationLinkLifetime is {options.VerificationLinkLifetime}; use between 00:10:00 and 7.00:00:00 (1.00:00:00 is usual).");
        }

        if (options.LinkLifetime < TimeSpan.FromMinutes(1) || options.LinkLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"Email:LinkLifetime is {options.LinkLifetime}; use between 00:01:00 and 01:00:00 (00:10:00 is usual).");
        }

        if (string.IsNullOrEmpty(options.BindingCookieName) || !options.BindingCookieName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            failures.Add("Email:BindingCookieName must be a cookie name of letters, digits, '.', '_' or '-'.");
        }

        if (options.AddressPermitLimit < 1 || options.AddressWindow <= TimeSpan.Zero || options.ClientPermitLimit < 1 || options.ClientWindow <= TimeSpan.Zero)
        {
            failures.Add("Email:AddressPermitLimit and Email:ClientPermitLimit must be at least 1, and Email:AddressWindow and Email:ClientWindow longer than zero.");
        }

        if (options.Smtp is null)
        {
            failures.Add("Email:Smtp is null; leave it out or give it a Host.");
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(options.Smtp.Host) && !string.IsNullOrWhiteSpace(options.PickupDirectory))
            {
                failures.Add("Both Email:Smtp:Host and Email:PickupDirectory are set; set only one (SMTP to send, a pickup directory to write .eml files).");
            }

            if (options.Smtp.Port is < 1 or > 65535)
            {
                failures.Add($"Email:Smtp:Port is {options.Smtp.Port}; use 587 (STARTTLS), 465 (SslOnConnect) or the port your server listens on.");
            }

            if (options.Smtp.Timeout <= TimeSpan.Zero || options.Smtp.Timeout > TimeSpan.FromMinutes(10))
            {
                failures.Add($"Email:Smtp:Timeout is {options.Smtp.Timeout}; use between 00:00:01 and 00:10:00.");
            }
        }

        ValidateOutbox(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateOutbox(PasskeyEmailLoginOptions options, List<string> failures)
    {
        if (options.Outbox is not { } outbox)
        {
            failures.Add("Email:Outbox is null; leave it out for the defaults.");
            return;
        }

        if (outbox.PollInterval < TimeSpan.FromMilliseconds(100) || outbox.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Email:Outbox:PollInterval is {outbox.PollInterval}; use between 00:00:00.1 and 00:01:00 (00:00:02 is usual).");
        }

        if (outbox.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"Email:Outbox:MaxAttempts is {outbox.MaxAttempts}; use between 1 and 20 (5 is usual).");
        }

        if (outbox.RetryDelay <= TimeSpan.Zero || outbox.RetryDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"Email:Outbox:RetryDelay is {outbox.RetryDelay}; use more than zero and at most 01:00:00 (00:00:10 is usual).");
        }

        // A lease shorter than a send lets a second node send the same email while the first is still at it.
        var send = options.Smtp?.Timeout ?? TimeSpan.Zero;
        if (outbox.Lease <= send || outbox.Lease > TimeSpan.FromHours(1))
        {
            failures.Add($"Email:Outbox:Lease is {outbox.Lease}; use more than Email:Smtp:Timeout ({send}) and at most 01:00:00 (00:02:00 is usual).");
        }
    }
}
