using Passkeys;
using Passkeys.AspNetCore;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>
/// Adds the recent-passkey requirement to an authorization policy, for the app's own pages and endpoints.
/// </summary>
public static class PasskeysAuthorizationPolicyBuilderExtensions
{
    /// <summary>
    /// Requires an authenticated user whose last passkey ceremony is within <paramref name="window"/>. The ready-made
    /// <see cref="PasskeysDefaults.RecentPasskeyPolicy"/> policy is this with the configured window and the passkey
    /// sign-in scheme.
    /// </summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="window">How recent the ceremony must be; <see langword="null"/> for <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static AuthorizationPolicyBuilder RequireRecentPasskey(this AuthorizationPolicyBuilder builder, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(new PasskeyRecentAuthenticationRequirement(window));
    }
}
