using Microsoft.Extensions.DependencyInjection;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Email;

internal sealed partial class EmailLoginDispatcher
{
    /// <summary>
    /// Sends what the outbox holds, on every node: claims the next due message (one conditional update, so two nodes
    /// never hold one message), handles it, and removes it once sent. A failure makes it due again after a backoff;
    /// after <see cref="PasskeyEmailOutboxOptions.MaxAttempts"/> tries it is dropped with an error. A node killed
    /// while holding a message leaves it to the others when the lease ends.
    /// </summary>
    private async Task RunOutboxAsync(CancellationToken stoppingToken)
    {
        var outbox = _options.Outbox;
        try
        {
            while (true)
            {
                if (!await TrySendNextAsync(outbox, stoppingToken).ConfigureAwait(false))
                {
                    await _signal.WaitAsync(outbox.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued stays in the outbox for the other nodes, or for this one when it is back.
        }
    }

    // Handles one due message; false when none was due (or the outbox could not be read).
    private async Task<bool> TrySendNextAsync(PasskeyEmailOutboxOptions outbox, CancellationToken stoppingToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<IPasskeyEmailOutboxStore>();
            PasskeyEmailOutboxMessage? message;
            try
            {
                message = await store.ClaimAsync(outbox.Lease, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away (restarting, say): the messages wait there; look again at the next poll.
                PasskeyEmailLog.OutboxUnavailable(_logger, SendFailure.Types(e));
                return false;
            }

            if (message is null)
            {
                return false;
            }

            await HandleClaimedAsync(store, message, outbox, stoppingToken).ConfigureAwait(false);
            return true;
        }
    }

    private async Task HandleClaimedAsync(IPasskeyEmailOutboxStore store, PasskeyEmailOutboxMessage message, PasskeyEmailOutboxOptions outbox, CancellationToken stoppingToken)
    {
        var item = EmailWorkItemJson.Read(message.Kind, message.Payload);
        if (item is null || message.Attempts > outbox.MaxAttempts)
        {
            // Unreadable, or claimed by nodes that died with it more often than it may be tried: it would never go.
            PasskeyEmailLog.OutboxGaveUp(_logger, item?.Kind ?? "unreadable message", message.Attempts);
            await RemoveAsync(store, message).ConfigureAwait(false);
            return;
        }

        try
        {
            await HandleAsync(item, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-send: hand the message back at once rather than when the lease ends. Whether it went out
            // is unknown; a retry sends a new link, never the same token again.
            await RescheduleAsync(store, message, _time.GetUtcNow()).ConfigureAwait(false);
            throw;
        }
        catch (Exception e)
        {
            var (userId, failure) = e is EmailSendFailedException sent ? (sent.UserId, sent.InnerException!) : (null, e);
            if (message.Attempts >= outbox.MaxAttempts)
            {
                PasskeyEmailLog.OutboxGaveUp(_logger, item.Kind, message.Attempts);
                PasskeyEmailLog.OutboxFailed(_logger, item.Kind, userId ?? "(not looked up)", SendFailure.Types(failure), SendFailure.SmtpStatus(failure));
                await RemoveAsync(store, message).ConfigureAwait(false);
                return;
            }

            var delay = outbox.RetryDelay * Math.Pow(2, message.Attempts - 1);
            PasskeyEmailLog.OutboxRetry(_logger, item.Kind, userId ?? "(not looked up)", SendFailure.Types(failure), SendFailure.SmtpStatus(failure), message.Attempts, delay);
            await RescheduleAsync(store, message, _time.GetUtcNow() + delay).ConfigureAwait(false);
            return;
        }

        await RemoveAsync(store, message).ConfigureAwait(false);
    }

    // Not canceled by stopping: the outcome must reach the database, or the message is sent again after the lease.
    private async Task RemoveAsync(IPasskeyEmailOutboxStore store, PasskeyEmailOutboxMessage message)
    {
        try
        {
            if (!await store.RemoveAsync(message, CancellationToken.None).ConfigureAwait(false))
            {
                PasskeyEmailLog.OutboxClaimLost(_logger);
            }
        }
        catch (Exception e)
        {
            PasskeyEmailLog.OutboxUnavailable(_logger, SendFailure.Types(e));
        }
    }

    private async Task RescheduleAsync(IPasskeyEmailOutboxStore store, PasskeyEmailOutboxMessage message, DateTimeOffset dueAt)
    {
        try
        {
            if (!await store.RescheduleAsync(message, dueAt, CancellationToken.None).ConfigureAwait(false))
            {
                PasskeyEmailLog.OutboxClaimLost(_logger);
            }
        }
        catch (Exception e)
        {
            PasskeyEmailLog.OutboxUnavailable(_logger, SendFailure.Types(e));
        }
    }
}
