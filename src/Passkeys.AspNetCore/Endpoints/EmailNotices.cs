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
/// account cannot mail-bomb its address by adding and removing passkeys or signing in by link. Further notices are
/// skipped and logged; the change happens all the same. The address-changed notice is not counted (an intruder who
/// spent the account's notices must not change its address unseen); it needs a verified new address, so it is rare.
/// </remarks>
internal static class EmailNotices
{
    public static Task PasskeyAddedAsync(Microsoft.AspNetCore.Http.HttpContext context, PasskeyCredential credential)
        => NotifyAsync(context, credential.UserId, new PasskeyAddedNotice(credential.UserId, credential.Aaguid, credential.CreatedAt));

    public static Task PasskeyRemovedAsync(Microsoft.AspNetCore.Http.HttpContext context, PasskeyCredential credential, DateTimeOffset removedAt)
        => NotifyAsync(context, credential.UserId, new PasskeyRemovedNotice(credential.UserId, credential.Aaguid, credential.Name, removedAt));

    public static Task SignedInByLinkAsync(Microsoft.AspNetCore.Http.HttpContext context, PasskeyUser user, DateTimeOffset signedInAt)
        => NotifyAsync(context, user.Id, new LinkSignInNotice(user.Id, signedInAt));

    // Only a verified address gets notices; the dispatcher reads it when it sends, so none goes to a pending one.
    private static async Task NotifyAsync(Microsoft.AspNetCore.Http.HttpContext context, string userId, EmailWorkItem notice)
    {
        var services = context.RequestServices;
        if (services.GetService<EmailLoginQueue>() is null)
        {
            return;
        }

        var options = services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;
        if (!options.SendNotices)
        {
            return;
        }

        var logger = services.GetRequiredService<ILogger<EmailLoginQueue>>();
        if (!services.GetRequiredService<EmailLoginThrottle>().TryAcquire("n:" + userId, options.AddressPermitLimit, options.AddressWindow, out _))
        {
            PasskeyEmailLog.NoticeSkipped(logger, "the account's notice limit is reached");
            return;
        }

        var queued = await EnqueueAsync(context, notice).ConfigureAwait(false);
        if (queued is PartitionedEnqueueResult.PartitionFull or PartitionedEnqueueResult.Full)
        {
            PasskeyEmailLog.NoticeSkipped(logger, "the email queue holds too many for the account or in all");
        }
    }

    // The change the email is about is saved already: an outbox that cannot be written (the database is away) skips
    // the email, it does not fail the request. Null then.
    private static async Task<PartitionedEnqueueResult?> EnqueueAsync(Microsoft.AspNetCore.Http.HttpContext context, EmailWorkItem item)
    {
        var services = context.RequestServices;
        try
        {
            return await services.GetRequiredService<IEmailQueue>().EnqueueAsync(item, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            PasskeyEmailLog.NoticeNotQueued(services.GetRequiredService<ILogger<EmailLoginQueue>>(), SendFailure.Types(e));
            return null;
        }
    }

    /// <summary>
    /// Queues a verification link for the address <paramref name="user"/> waits to verify, within the per-client,
    /// per-address and per-account limits; the time to wait when a limit or the queue refused it, or null when queued
    /// (or when there is no email sender).
    /// </summary>
    public static async Task<TimeSpan?> VerificationRequestedAsync(Microsoft.AspNetCore.Http.HttpContext context, PasskeyUser user)
        => user.PendingEmail is { } email
            ? CountVerification(context, user.Id, email) ?? await QueueVerificationAsync(context, user).ConfigureAwait(false)
            : null;

    /// <summary>Counts a verification link to <paramref name="email"/> against the limits; the time to wait when one refuses it.</summary>
    public static TimeSpan? CountVerification(Microsoft.AspNetCore.Http.HttpContext context, string userId, string email)
    {
        var services = context.RequestServices;
        if (services.GetService<EmailLoginQueue>() is null)
        {
            return null;
        }

        var options = services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;
        var client = ClientOf(context);

        // Counted per account and address, never per address alone: other accounts naming the same address (an
        // attacker's sign-ups) cannot spend the links of the account that asks. What one client can send to any
        // address stays bounded by the per-client limit, shared with sign-in links.
        var address = "va:" + userId + ":" + (PasskeyNameNormalizer.TryNormalize(email, out var normalized) ? normalized : email);
        var throttle = services.GetRequiredService<EmailLoginThrottle>();
        if (!throttle.TryAcquire("c:" + client, options.ClientPermitLimit, options.ClientWindow, out var retryAfter)
            || !throttle.TryAcquire(address, options.AddressPermitLimit, options.AddressWindow, out retryAfter)
            || !throttle.TryAcquire("v:" + userId, options.AddressPermitLimit, options.AddressWindow, out retryAfter))
        {
            PasskeyEmailLog.RateLimited(services.GetRequiredService<ILogger<EmailLoginQueue>>(), "verification");
            return retryAfter;
        }

        return null;
    }

    /// <summary>Queues the verification link of an address already counted; the time to wait when the queue is full.</summary>
    public static async Task<TimeSpan?> QueueVerificationAsync(Microsoft.AspNetCore.Http.HttpContext context, PasskeyUser user)
    {
        var services = context.RequestServices;
        if (services.GetService<EmailLoginQueue>() is null || user.PendingEmail is not { } email)
        {
            return null;
        }

        var queued = await EnqueueAsync(context, new EmailVerificationRequest(ClientOf(context), user.Id, email)).ConfigureAwait(false);
        if (queued is PartitionedEnqueueResult.PartitionFull or PartitionedEnqueueResult.Full)
        {
            PasskeyEmailLog.QueueFull(services.GetRequiredService<ILogger<EmailLoginQueue>>(), EmailLoginQueue.Capacity);
            return TimeSpan.FromMinutes(1);
        }

        return null;
    }

    private static string ClientOf(Microsoft.AspNetCore.Http.HttpContext context)
        => ClientPartition.For(context.Connection.RemoteIpAddress, context.RequestServices.GetRequiredService<IOptions<PasskeyHttpOptions>>().Value.RateLimitIPv6PrefixLength);

    /// <summary>Tells the address an account had that it now has another one (throttled per account, like every notice).</summary>
    public static async Task AddressChangedAsync(Microsoft.AspNetCore.Http.HttpContext context, PasskeyUser user, string previous)
    {
        var services = context.RequestServices;
        if (services.GetService<EmailLoginQueue>() is null || user.Email is not { } email)
        {
            return;
        }

        var logger = services.GetRequiredService<ILogger<EmailLoginQueue>>();
        var queued = await EnqueueAsync(context, new AddressChangedNotice(user.Id, previous, email)).ConfigureAwait(false);
        if (queued is PartitionedEnqueueResult.PartitionFull or PartitionedEnqueueResult.Full)
        {
            PasskeyEmailLog.NoticeSkipped(logger, "the email queue holds too many for the account or in all");
        }
    }
}
