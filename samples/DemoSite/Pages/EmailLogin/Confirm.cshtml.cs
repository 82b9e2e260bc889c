using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DemoSite.Pages.EmailLogin;

/// <summary>
/// The page a sign-in link opens (<c>Email:ConfirmPath</c>). The token is in the link's fragment, which never reaches
/// the server: <c>email-confirm.js</c> reads it, shows whom it is for, and spends it only when the button is pressed,
/// so a mail scanner that fetches the link gets this page and uses nothing up.
/// </summary>
public sealed class ConfirmModel : PageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
