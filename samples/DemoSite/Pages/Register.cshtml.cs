using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passkeys.AspNetCore;

namespace DemoSite.Pages;

/// <summary>Sign-up: the form is sent by <c>register.js</c> to the passkey endpoints, not posted to this page.</summary>
public sealed class RegisterModel : PageModel
{
    /// <summary>Gets where to go after sign-up, when a protected page sent the visitor here; only a local path.</summary>
    public string? ReturnUrl { get; private set; }

    public IActionResult OnGet(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(PasskeyReturnUrl.Normalize(returnUrl) ?? "/profile");
        }

        ReturnUrl = PasskeyReturnUrl.Normalize(returnUrl);
        return Page();
    }
}
