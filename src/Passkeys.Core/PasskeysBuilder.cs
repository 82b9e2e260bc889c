using Microsoft.Extensions.DependencyInjection;

namespace Passkeys;

/// <summary>
/// Configures the passkey services: packages add their stores and features through extension methods on it.
/// </summary>
public sealed class PasskeysBuilder
{
    /// <summary>
    /// Initializes a new instance of <see cref="PasskeysBuilder"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public PasskeysBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>
    /// Gets the service collection the passkey services are added to.
    /// </summary>
    public IServiceCollection Services { get; }
}
