using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore;

namespace DemoSite.Pages.EmailLogin;

/// <summary>
/// "Check your email" after asking for a sign-in link: the same page whether or not the address has an account.
/// The address itself never travels in the URL; <c>email-sent.js</c> shows it from this tab's session storage.
/// </summary>
public sealed class SentModel(IOptions<PasskeyEmailLoginOptions> emailOptions, IWebHostEnvironment environment) : PageModel
{
    /// <summary>Gets the login page's return URL, kept for the way back: a local path, or null.</summary>
    public string? ReturnUrl { get; private set; }

    /// <summary>Gets how long a link works, in whole minutes.</summary>
    public string LinkMinutes { get; private set; } = string.Empty;

    /// <summary>Gets the folder emails are written to, relative to the app when it is beside it, or null when email is sent.</summary>
    public string? PickupDirectory { get; private set; }

    public void OnGet(string? returnUrl)
    {
        var options = emailOptions.Value;
        ReturnUrl = PasskeyReturnUrl.Normalize(returnUrl);
        LinkMinutes = ((int)Math.Round(options.LinkLifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            var relative = Path.GetRelativePath(environment.ContentRootPath, options.PickupDirectory);
            PickupDirectory = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? options.PickupDirectory : relative;
        }
    }
}
