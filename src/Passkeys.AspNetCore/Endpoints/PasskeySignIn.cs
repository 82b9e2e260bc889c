using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Signs users in and out of the configured scheme, and finds the signed-in user for the account endpoints.
/// </summary>
internal sealed class PasskeySignIn
{
    /// <summary>The <c>amr</c> claim type (RFC 8176).</summary>
    public const string AmrClaimType = "amr";

    /// <summary>The <c>amr</c> value of a passkey sign-in.</summary>
    public const string PasskeyMethod = "passkey";

    /// <summary>The <c>amr</c> value of a sign-in with an emailed link.</summary>
    public const string EmailMethod = "email";

    private readonly PasskeyHttpOptions _options;
    private readonly IPasskeyUserStore _users;
    private readonly RememberedUserCookie _remembered;
    private readonly ILogger _logger;

    public PasskeySignIn(IOptions<PasskeyHttpOptions> options, IPasskeyUserStore users, RememberedUserCookie remembered, ILogger<PasskeySignIn> logger)
    {
        _options = options.Value;
        _users = users;
        _remembered = remembered;
        _logger = logger;
    }

    public static ClaimsPrincipal CreatePrincipal(PasskeyUser user, string scheme, string method)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName),
            new(AmrClaimType, method),
        };
        if (!string.IsNullOrEmpty(user.Email))
        {
            claims.Add(new Claim(ClaimTypes.Email, user.Email));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public async Task SignInAsync(HttpContext context, PasskeyUser user, string method)
    {
        var scheme = _options.SignInScheme;
        await context.SignInAsync(scheme, CreatePrincipal(user, scheme, method)).ConfigureAwait(false);
        _remembered.Remember(context, user.Id);
        PasskeyHttpLog.SignedIn(_logger, user.Id, scheme);
    }

    public Task SignOutAsync(HttpContext context) => context.SignOutAsync(_options.SignInScheme);

    /// <summary>Authenticates against the sign-in scheme explicitly, so no challenge (and no redirect) ever happens.</summary>
    public async Task<PasskeyUser?> GetUserAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(_options.SignInScheme).ConfigureAwait(false);
        var userId = result.Succeeded ? result.Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        return string.IsNullOrEmpty(userId)
            ? null
            : await _users.FindByIdAsync(userId, context.RequestAborted).ConfigureAwait(false);
    }
}
