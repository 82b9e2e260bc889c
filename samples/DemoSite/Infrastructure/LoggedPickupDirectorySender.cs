using Microsoft.Extensions.Options;
using Passkeys.AspNetCore;
using Passkeys.AspNetCore.Email;

namespace DemoSite.Infrastructure;

/// <summary>
/// Writes emails with the library's <see cref="PickupDirectoryPasskeyEmailSender"/>, then says in the log which folder
/// to open. The log names neither the recipient nor the link.
/// </summary>
internal sealed class LoggedPickupDirectorySender(
    PickupDirectoryPasskeyEmailSender inner, IOptions<PasskeyEmailLoginOptions> options, ILogger<LoggedPickupDirectorySender> logger)
    : IPasskeyEmailSender
{
    public async Task SendAsync(PasskeyEmailMessage message, CancellationToken cancellationToken)
    {
        await inner.SendAsync(message, cancellationToken);
        DemoSiteLog.EmailWritten(logger, options.Value.PickupDirectory ?? string.Empty);
    }
}
