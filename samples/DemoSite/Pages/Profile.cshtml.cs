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
/// The signed-in user's account, read from the passkey stores: its verified and pending email, "Set up this device"
/// after an email sign-in, and once, the address this account waited to verify and someone else verified first.
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

    /// <summary>
    /// Gets the address this account waited to verify and the owner of its mailbox verified for another account: it is
    /// dropped from this account and named on this one page view, as <c>pendingEmailLost</c> of
    /// <c>GET /passkeys/account</c> does for script clients.
    /// </summary>
    public string? PendingEmailLost { get; private set; }

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
        PendingEmailLost = await DropLostPendingEmailAsync(account, cancellationToken);
        PasskeyCount = (await credentials.ListByUserAsync(account.Id, cancellationToken)).Count;
        SignedInWithPasskey = User.HasClaim(AmrClaimType, "passkey");
        return Page();
    }

    // A pending address reserves nothing: when another account verified it, it is no longer this one's to verify.
    private async Task<string?> DropLostPendingEmailAsync(PasskeyUser account, CancellationToken cancellationToken)
    {
        if (account.PendingEmail is not { } pending
            || await users.FindByEmailAsync(pending, cancellationToken) is not { } holder
            || string.Equals(holder.Id, account.Id, StringComparison.Ordinal))
        {
            return null;
        }

        account.PendingEmail = null;
        return await users.UpdateAsync(account, cancellationToken) == PasskeyStoreResult.Success ? pending : null;
    }
}
