using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DemoSite.Pages.Email;

/// <summary>
/// The page an email verification link opens (<c>Email:VerifyPath</c>, <c>/email/verify</c>). The token is in the
/// link's fragment, which never reaches the server: <c>email-verify.js</c> reads it, shows which address and account
/// it is for, and verifies only when the button is pressed, so a mail scanner that fetches the link verifies nothing.
/// It needs no session: the link proves the mailbox, in whichever browser it is opened.
/// </summary>
public sealed class VerifyModel : PageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
