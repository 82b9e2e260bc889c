using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Email;

namespace Passkeys.AspNetCore.Endpoints;

/// <summary>
/// Queues the security notices of <c>AddEmailLogin()</c>, when it is added: they are sent after the response.
/// </summary>
/// <remarks>
/// One account gets at most <see cref="PasskeyEmailLoginOptions.AddressPermitLimit"/> notices per
/// <see cref="PasskeyEmailLoginOptions.AddressWindow"/>, as many as sign-in links to one address: whoever controls an
/// account whose address is someone else's cannot mail-bomb that address by adding passkeys. Further notices are
/// skipped and logged; the passkey is added all the same.
/// </remarks>
internal static class EmailNotices
{
    public static void PasskeyAdded(Microsoft.AspNetCore.Http.HttpContext context, PasskeyCredential credential)
    {
        var services = context.RequestServices;
        if (services.GetService<EmailLoginQueue>() is not { } queue)
        {
            return;
        }

        var options = services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;
        if (!options.SendPasskeyAddedNotice)
        {
            return;
        }

        var logger = services.GetRequiredService<ILogger<EmailLoginQueue>>();
        if (!services.GetRequiredService<EmailLoginThrottle>().TryAcquire("n:" + credential.UserId, options.AddressPermitLimit, options.AddressWindow, out _))
        {
            PasskeyEmailLog.NoticeSkipped(logger, "the account's notice limit is reached");
            return;
        }

        var queued = queue.TryEnqueue(new PasskeyAddedNotice(credential.UserId, credential.Aaguid, credential.CreatedAt));
        if (queued is PartitionedEnqueueResult.PartitionFull or PartitionedEnqueueResult.Full)
        {
            PasskeyEmailLog.NoticeSkipped(logger, "the email queue holds too many for the account or in all");
        }
    }
}
