using System.Security.Claims;
using DemoSite.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Passkeys;
using Passkeys.AspNetCore;
using Passkeys.Stores;

namespace DemoSite.Pages;

/// <summary>
/// The signed-in user's account, read from the passkey stores: its verified and pending email, and "Set up this
/// device" after an email sign-in.
/// </summary>
[Authorize]
public sealed class ProfileModel(IPasskeyUserStore users, IPasskeyCredentialStore credentials, IOptions<PasskeyHttpOptions> httpOptions) : PageModel
{
    /// <summary>The <c>amr</c> claim (RFC 8176) the library adds: <c>passkey</c> or <c>email</c>.</summary>
    private const string AmrClaimType = "amr";

    public PasskeyUser Account { get; private set; } = null!;

    public int PasskeyCount { get; private set; }

    /// <summary>Gets a value indicating whether this session began with a passkey; if not, the page offers to add one here.</summary>
    public bool SignedInWithPasskey { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var account = userId is null ? null : await users.FindByIdAsync(userId, cancellationToken);
        if (account is null)
        {
            // The cookie outlived its account (deleted, or another database): start again.
            await HttpContext.SignOutAsync(httpOptions.Value.SignInScheme);
            Toasts.Show(TempData, "account-missing");
            return RedirectToPage("/Login");
        }

        Account = account;
        PasskeyCount = (await credentials.ListByUserAsync(account.Id, cancellationToken)).Count;
        SignedInWithPasskey = User.HasClaim(AmrClaimType, "passkey");
        return Page();
    }
}
