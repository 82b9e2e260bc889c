using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DemoSite.Pages;

/// <summary>The signed-in user's passkeys; <c>manage-passkeys.js</c> lists, adds, renames and deletes them through the endpoints.</summary>
[Authorize]
public sealed class PasskeysModel : PageModel
{
    public void OnGet()
    {
    }
}
