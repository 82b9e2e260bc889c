using Microsoft.Extensions.DependencyInjection.Extensions;
using Passkeys.AspNetCore;
using Passkeys.AspNetCore.Email;

namespace DemoSite.Infrastructure;

/// <summary>
/// The sample's email defaults: a relative <c>Email:PickupDirectory</c> lives beside the app (its content root, like
/// the SQLite file), and each email written there is logged with the folder, so a newcomer knows where to look.
/// </summary>
internal static class EmailSetup
{
    public static void AddDemoEmail(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.PostConfigure<PasskeyEmailLoginOptions>(options =>
        {
            if (!string.IsNullOrWhiteSpace(options.PickupDirectory))
            {
                options.PickupDirectory = Path.GetFullPath(options.PickupDirectory, contentRoot);
            }
        });

        // Only for the pickup directory (AddEmailLogin has chosen its sender by then); with Email:Smtp:Host the
        // library's SMTP sender is left alone.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Email:PickupDirectory"]))
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IPasskeyEmailSender, LoggedPickupDirectorySender>());
        }
    }
}
