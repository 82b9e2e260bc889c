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

    /// <summary>
    /// Queues a verification link for the address <paramref name="user"/> waits to verify, within the per-client,
    /// per-address and per-account limits; the time to wait when a limit refused it, or null when queued (or when
    /// there is no email sender).
    /// </summary>
    public static TimeSpan? VerificationRequested(Microsoft.AspNetCore.Http.HttpContext context, PasskeyUser user)
    {
        var services = context.RequestServices;
        if (services.GetService<EmailLoginQueue>() is not { } queue || user.PendingEmail is not { } email)
        {
            return null;
        }

        var options = services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;
        var client = ClientPartition.For(context.Connection.RemoteIpAddress, services.GetRequiredService<IOptions<PasskeyHttpOptions>>().Value.RateLimitIPv6PrefixLength);
        var address = "a:" + (PasskeyNameNormalizer.TryNormalize(email, out var normalized) ? normalized : email);
        var throttle = services.GetRequiredService<EmailLoginThrottle>();
        var logger = services.GetRequiredService<ILogger<EmailLoginQueue>>();
        if (!throttle.TryAcquire("c:" + client, options.ClientPermitLimit, options.ClientWindow, out var retryAfter)
            || !throttle.TryAcquire(address, options.AddressPermitLimit, options.AddressWindow, out retryAfter)
            || !throttle.TryAcquire("v:" + user.Id, options.AddressPermitLimit, options.AddressWindow, out retryAfter))
        {
            PasskeyEmailLog.RateLimited(logger, "verification");
            return retryAfter;
        }

        var queued = queue.TryEnqueue(new EmailVerificationRequest(client, user.Id, email));
        if (queued is PartitionedEnqueueResult.PartitionFull or PartitionedEnqueueResult.Full)
        {
            PasskeyEmailLog.QueueFull(logger, EmailLoginQueue.Capacity);
            return TimeSpan.FromMinutes(1);
        }

        return null;
    }

    /// <summary>Tells the address an account had that it now has another one (throttled per account, like every notice).</summary>
    public static void AddressChanged(Microsoft.AspNetCore.Http.HttpContext context, PasskeyUser user, string previous)
    {
        var services = context.RequestServices;
        if (services.GetService<EmailLoginQueue>() is not { } queue || user.Email is not { } email)
        {
            return;
        }

        var logger = services.GetRequiredService<ILogger<EmailLoginQueue>>();
        var queued = queue.TryEnqueue(new AddressChangedNotice(user.Id, previous, email));
        if (queued is PartitionedEnqueueResult.PartitionFull or PartitionedEnqueueResult.Full)
        {
            PasskeyEmailLog.NoticeSkipped(logger, "the email queue holds too many for the account or in all");
        }
    }
}
