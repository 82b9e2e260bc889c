using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Authorization;

/// <summary>
/// Adds the <see cref="PasskeysDefaults.RecentPasskeyPolicy"/> policy: a user signed in to
/// <see cref="PasskeyHttpOptions.SignInScheme"/> whose last passkey ceremony is within
/// <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/>. A policy of that name the app added itself is kept.
/// </summary>
internal sealed class RecentPasskeyPolicySetup : IConfigureOptions<AuthorizationOptions>
{
    private readonly IOptions<PasskeyHttpOptions> _options;

    public RecentPasskeyPolicySetup(IOptions<PasskeyHttpOptions> options) => _options = options;

    public void Configure(AuthorizationOptions options)
    {
        if (options.GetPolicy(PasskeysDefaults.RecentPasskeyPolicy) is null)
        {
            options.AddPolicy(PasskeysDefaults.RecentPasskeyPolicy, policy => policy
                .AddAuthenticationSchemes(_options.Value.SignInScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new PasskeyRecentAuthenticationRequirement()));
        }
    }
}
