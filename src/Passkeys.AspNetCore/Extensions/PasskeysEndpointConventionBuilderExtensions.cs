using Microsoft.AspNetCore.Http;
using Passkeys.AspNetCore;
using Passkeys.AspNetCore.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Requires a recent passkey ceremony on the app's own sensitive endpoints and route groups.
/// </summary>
public static class PasskeysEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires a user signed in to <see cref="PasskeyHttpOptions.SignInScheme"/> (the session's security stamp
    /// checked against the store) whose last passkey ceremony is within <paramref name="window"/>. Otherwise the
    /// endpoint answers 401 problem details with code <see cref="PasskeyHttpErrorCodes.NotAuthenticated"/> or
    /// <see cref="PasskeyHttpErrorCodes.ReauthenticationRequired"/>; <c>passkeys.js</c> answers the second by
    /// confirming with a passkey and sending the request again.
    /// </summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="window">How recent the ceremony must be; <see langword="null"/> for <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is zero or negative.</exception>
    public static TBuilder RequireRecentPasskey<TBuilder>(this TBuilder builder, TimeSpan? window = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (window is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(window));
        }

        return builder.AddEndpointFilter(new RecentPasskeyFilter(window));
    }
}
