using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Passkeys;
using Passkeys.AspNetCore;

namespace DemoSite.Infrastructure;

/// <summary>
/// Once the server listens, says where emails are written and where to open the site, and warns when that address
/// is not a configured passkey origin (the usual reason passkeys fail after moving the site to another port or host).
/// </summary>
internal static class StartupReport
{
    public static void ReportWhenStarted(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DemoSite");
            var passkeys = app.Services.GetRequiredService<IOptions<PasskeyOptions>>().Value;
            var email = app.Services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(email.PickupDirectory))
            {
                DemoSiteLog.EmailPickupDirectory(logger, email.PickupDirectory);
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var origin = address.TrimEnd('/');
                if (passkeys.Origins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
                {
                    DemoSiteLog.SiteReady(logger, origin, passkeys.RelyingPartyId);
                }
                else
                {
                    DemoSiteLog.OriginNotConfigured(logger, origin, string.Join(", ", passkeys.Origins));
                }
            }
        });
    }
}
