using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Stores;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Works through the email queue in the background: finds the account, issues and stores the link, and sends the
/// email; or sends a notice. Each item runs in its own service scope, so stores and senders may be scoped.
/// </summary>
/// <remarks>
/// <para>
/// Without an outbox store the queue is <see cref="EmailLoginQueue"/>, in memory: an item is tried once, and items
/// still queued when the app stops are dropped. With one, it is the outbox in the app's database
/// (<see cref="RunOutboxAsync"/>): any node sends, failures are tried again, and nothing is lost when a node stops.
/// </para>
/// <para>
/// Links are issued when an item is handled, never when it is queued: an item tried twice sends two links, each
/// with its own token, so no token is ever emailed twice.
/// </para>
/// <para>
/// Expired links are removed from the store at most once per <see cref="PasskeyEmailLoginOptions.LinkLifetime"/>,
/// which keeps the in-memory store small; the EntityFramework sweeper does the same for databases.
/// </para>
/// </remarks>
internal sealed partial class EmailLoginDispatcher : BackgroundService
{
    private readonly EmailLoginQueue _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly EmailLinkTokens _tokens;
    private readonly EmailVerificationTokens _verificationTokens;
    private readonly PasskeyEmailLoginOptions _options;
    private readonly PasskeyOptions _passkeyOptions;
    private readonly TimeProvider _time;
    private readonly IHostEnvironment _environment;
    private readonly EmailOutboxSignal _signal;
    private readonly bool _usesOutbox;
    private readonly ILogger _logger;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public EmailLoginDispatcher(
        EmailLoginQueue queue,
        IServiceScopeFactory scopes,
        EmailLinkTokens tokens,
        EmailVerificationTokens verificationTokens,
        IOptions<PasskeyEmailLoginOptions> options,
        IOptions<PasskeyOptions> passkeyOptions,
        TimeProvider time,
        IHostEnvironment environment,
        EmailOutboxSignal signal,
        IServiceProvider services,
        ILogger<EmailLoginDispatcher> logger)
    {
        _queue = queue;
        _scopes = scopes;
        _tokens = tokens;
        _verificationTokens = verificationTokens;
        _options = options.Value;
        _passkeyOptions = passkeyOptions.Value;
        _time = time;
        _environment = environment;
        _signal = signal;
        _usesOutbox = EmailOutbox.IsChosen(services);
        _logger = logger;
    }

    private string SiteName => string.IsNullOrEmpty(_passkeyOptions.RelyingPartyName) ? _passkeyOptions.RelyingPartyId : _passkeyOptions.RelyingPartyName;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Fails start-up with a sentence when no sender is configured, rather than at the first sign-in link.
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            _ = scope.ServiceProvider.GetRequiredService<IPasskeyEmailSender>();
        }

        if (_options.LogLinksInDevelopment && !_environment.IsDevelopment())
        {
            PasskeyEmailLog.LinkLoggingIgnored(_logger, _environment.EnvironmentName);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => _usesOutbox ? RunOutboxAsync(stoppingToken) : RunQueueAsync(stoppingToken);

    private async Task RunQueueAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var item = await _queue.DequeueAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await HandleAsync(item, stoppingToken).ConfigureAwait(false);
                }
                catch (EmailSendFailedException e) when (!stoppingToken.IsCancellationRequested)
                {
                    PasskeyEmailLog.SendFailed(_logger, e.UserId, SendFailure.Types(e.InnerException!), SendFailure.SmtpStatus(e.InnerException!));
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    PasskeyEmailLog.WorkFailed(_logger, SendFailure.Types(e));
                }
                finally
                {
                    _queue.MarkDone();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    internal async Task HandleAsync(EmailWorkItem item, CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            switch (item)
            {
                case EmailLinkRequest request:
                    await SendLinkAsync(services, request, cancellationToken).ConfigureAwait(false);
                    break;
                case PasskeyAddedNotice or PasskeyRemovedNotice or LinkSignInNotice:
                    await SendNoticeAsync(services, item, cancellationToken).ConfigureAwait(false);
                    break;
                case EmailVerificationRequest verification:
                    await SendVerificationAsync(services, verification, cancellationToken).ConfigureAwait(false);
                    break;
                case AddressChangedNotice changed:
                    await SendAddressChangedAsync(services, changed, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task SendLinkAsync(IServiceProvider services, EmailLinkRequest request, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<IPasskeyUserStore>();
        var user = request.Email is not null
            ? await users.FindByEmailAsync(request.Email, cancellationToken).ConfigureAwait(false)
            : await users.FindByNameAsync(request.UserName!, cancellationToken).ConfigureAwait(false);
        if (user is null || string.IsNullOrEmpty(user.Email))
        {
            PasskeyEmailLog.NoAccount(_logger);
            return;
        }

        var store = services.GetRequiredService<IPasskeyLoginTokenStore>();
        var now = _time.GetUtcNow();
        await SweepAsync(store, now, cancellationToken).ConfigureAwait(false);
        var expiresAt = now + _options.LinkLifetime;
        var (token, hash) = _tokens.Issue(user.Id, expiresAt, request.BindingHash);
        await store.SaveAsync(new PasskeyLoginToken(hash, user.Id, expiresAt) { BrowserBindingHash = request.BindingHash }, cancellationToken).ConfigureAwait(false);

        var link = BuildLink(_options.ConfirmPath, token, request.ReturnUrl);
        LogLinkInDevelopment(user.Id, link);
        var message = PasskeyEmailTemplates.SignInLink(user.Email, user.DisplayName, SiteName, link, _options.LinkLifetime, request.BindingHash is not null);
        await SendAsync(services, message, user.Id, cancellationToken).ConfigureAwait(false);
        PasskeyEmailLog.LinkSent(_logger, user.Id);
    }

    // The address may have changed, or been verified, since the request was queued: a link goes only to the address
    // the account still waits to verify.
    private async Task SendVerificationAsync(IServiceProvider services, EmailVerificationRequest request, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<IPasskeyUserStore>();
        var user = await users.FindByIdAsync(request.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || !EmailAddresses.Same(user.PendingEmail, request.Email))
        {
            PasskeyEmailLog.VerificationStale(_logger);
            return;
        }

        // An address some account already verified can never be this one's: no mail (the answer was the same).
        if (await users.FindByEmailAsync(request.Email, cancellationToken).ConfigureAwait(false) is not null)
        {
            PasskeyEmailLog.VerificationStale(_logger);
            return;
        }

        var store = services.GetRequiredService<IPasskeyLoginTokenStore>();
        var now = _time.GetUtcNow();
        await SweepAsync(store, now, cancellationToken).ConfigureAwait(false);
        var expiresAt = now + _options.VerificationLinkLifetime;
        var (token, hash) = _verificationTokens.Issue(user.Id, request.Email, expiresAt);
        await store.SaveAsync(new PasskeyLoginToken(hash, user.Id, expiresAt), cancellationToken).ConfigureAwait(false);

        var link = BuildLink(_options.VerifyPath, token, returnUrl: null);
        LogLinkInDevelopment(user.Id, link);
        var message = PasskeyEmailTemplates.VerifyAddress(request.Email, SiteName, link, _options.VerificationLinkLifetime);
        await SendAsync(services, message, user.Id, cancellationToken).ConfigureAwait(false);
        PasskeyEmailLog.VerificationSent(_logger, user.Id);
    }

    private void LogLinkInDevelopment(string userId, string link)
    {
        if (_options.LogLinksInDevelopment && _environment.IsDevelopment())
        {
            PasskeyEmailLog.DevelopmentLink(_logger, userId, link);
        }
    }

    private async Task SendAddressChangedAsync(IServiceProvider services, AddressChangedNotice notice, CancellationToken cancellationToken)
    {
        var user = await services.GetRequiredService<IPasskeyUserStore>().FindByIdAsync(notice.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return;
        }

        var message = PasskeyEmailTemplates.AddressChanged(notice.OldEmail, user.DisplayName, SiteName, notice.NewEmail);
        await SendAsync(services, message, user.Id, cancellationToken).ConfigureAwait(false);
        PasskeyEmailLog.NoticeSent(_logger, user.Id);
    }

    private async Task SweepAsync(IPasskeyLoginTokenStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now >= _nextSweep)
        {
            _nextSweep = now + _options.LinkLifetime;
            PasskeyEmailLog.Swept(_logger, await store.RemoveExpiredAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    // A notice goes to the account's verified address as it is when sent; none to a pending one.
    private async Task SendNoticeAsync(IServiceProvider services, EmailWorkItem notice, CancellationToken cancellationToken)
    {
        var userId = notice switch
        {
            PasskeyAddedNotice added => added.UserId,
            PasskeyRemovedNotice removed => removed.UserId,
            _ => ((LinkSignInNotice)notice).UserId,
        };
        var user = await services.GetRequiredService<IPasskeyUserStore>().FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null || string.IsNullOrEmpty(user.Email))
        {
            return;
        }

        var providers = services.GetRequiredService<IPasskeyProviderCatalog>();
        var message = notice switch
        {
            PasskeyAddedNotice added => PasskeyEmailTemplates.PasskeyAdded(user.Email, user.DisplayName, SiteName, providers.Find(added.Aaguid)?.Name, added.AddedAt),
            PasskeyRemovedNotice removed => PasskeyEmailTemplates.PasskeyRemoved(user.Email, user.DisplayName, SiteName, removed.Name ?? providers.Find(removed.Aaguid)?.Name, removed.RemovedAt),
            _ => PasskeyEmailTemplates.LinkSignIn(user.Email, user.DisplayName, SiteName, ((LinkSignInNotice)notice).SignedInAt),
        };
        await SendAsync(services, message, user.Id, cancellationToken).ConfigureAwait(false);
        PasskeyEmailLog.NoticeSent(_logger, user.Id);
    }

    // A failure carries the user id to the log of the loop, which drops the item or tries it again.
    private static async Task SendAsync(IServiceProvider services, PasskeyEmailMessage message, string userId, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IPasskeyEmailSender>().SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmailSendFailedException(userId, e);
        }
    }

    private string BuildLink(string path, string token, string? returnUrl)
    {
        var origin = (_options.PublicOrigin ?? _passkeyOptions.Origins[0]).TrimEnd('/');
        var link = $"{origin}{path}{(_options.TokenInQuery ? '?' : '#')}token={token}";
        return returnUrl is null ? link : $"{link}&returnUrl={Uri.EscapeDataString(returnUrl)}";
    }
}
