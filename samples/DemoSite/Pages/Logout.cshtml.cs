using DemoSite.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore;

namespace DemoSite.Pages;

/// <summary>
/// Signs out: a form post with an antiforgery token (Razor Pages checks it), never a link a third party could
/// make a browser follow. The browser still remembers the user for the next sign-in.
/// </summary>
public sealed class LogoutModel(IOptions<PasskeyHttpOptions> httpOptions) : PageModel
{
    public IActionResult OnGet()
    {
        Response.Headers.Allow = HttpMethods.Post;
        return StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(httpOptions.Value.SignInScheme);
        Toasts.Show(TempData, "signed-out");
        return RedirectToPage("/Index");
    }
}
