using Passkeys;
using Passkeys.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures the passkey HTTP endpoints through a <see cref="PasskeysBuilder"/>.
/// </summary>
public static class PasskeysBuilderHttpExtensions
{
    /// <summary>
    /// Configures the endpoints <c>MapPasskeys()</c> maps: sign-in scheme, return URL, cookies, limits and events.
    /// </summary>
    /// <param name="builder">The passkeys builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static PasskeysBuilder ConfigureHttp(this PasskeysBuilder builder, Action<PasskeyHttpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
