using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.EntityFramework;

/// <summary>
/// Deletes expired ceremonies and email login tokens at a fixed interval, in a new service scope each time.
/// A failed sweep is logged and the next one tried; it never stops the host.
/// </summary>
/// <param name="scopeFactory">Creates a scope per sweep.</param>
/// <param name="options">The sweeper options.</param>
/// <param name="timeProvider">The clock that drives the timer.</param>
/// <param name="logger">The logger.</param>
public sealed class PasskeyStoreSweeper(
    IServiceScopeFactory scopeFactory,
    IOptions<PasskeyStoreSweeperOptions> options,
    TimeProvider timeProvider,
    ILogger<PasskeyStoreSweeper> logger) : BackgroundService
{
    /// <summary>
    /// Deletes the expired ceremonies and login tokens once.
    /// </summary>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>A task that completes when the sweep is done.</returns>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var ceremonies = await scope.ServiceProvider.GetRequiredService<IPasskeyCeremonyStore>()
                .RemoveExpiredAsync(cancellationToken).ConfigureAwait(false);
            var tokens = await scope.ServiceProvider.GetRequiredService<IPasskeyLoginTokenStore>()
                .RemoveExpiredAsync(cancellationToken).ConfigureAwait(false);
            PasskeyStoreSweeperLog.Swept(logger, ceremonies, tokens);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var value = options.Value;
        if (!value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(value.Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    PasskeyStoreSweeperLog.SweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
