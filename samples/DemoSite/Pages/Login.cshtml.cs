using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Passkeys;
using Passkeys.AspNetCore;

namespace DemoSite.Pages;

/// <summary>Sign-in: <c>login.js</c> greets a remembered user or offers the user name field, its autofill and the email link.</summary>
public sealed class LoginModel(IOptions<PasskeyHttpOptions> httpOptions) : PageModel
{
    /// <summary>Gets the page to return to after sign-in: a local path, or null (the library then answers its default).</summary>
    public string? ReturnUrl { get; private set; }

    /// <summary>
    /// Gets a value indicating whether the browser sent a remembered-user cookie; the script then asks who it is
    /// before showing the user name field, so the page does not flash the wrong panel.
    /// </summary>
    public bool MaybeRemembered { get; private set; }

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = PasskeyReturnUrl.Normalize(returnUrl);
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(ReturnUrl ?? "/profile");
        }

        // On https the library names its cookies with the __Host- prefix.
        var name = httpOptions.Value.RememberedUserCookieName;
        MaybeRemembered = Request.Cookies.ContainsKey(Request.IsHttps ? PasskeysDefaults.HostCookiePrefix + name : name);
        return Page();
    }
}
