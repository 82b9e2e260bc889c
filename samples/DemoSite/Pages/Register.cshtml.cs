using DemoSite.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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
            return LocalRedirect(LocalUrl.OrNull(returnUrl) ?? "/profile");
        }

        ReturnUrl = LocalUrl.OrNull(returnUrl);
        return Page();
    }
}
