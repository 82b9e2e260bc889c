using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Sends email through an SMTP server with MailKit, as configured by <see cref="PasskeyEmailLoginOptions.Smtp"/>.
/// </summary>
/// <remarks>Each message opens its own connection; sign-in links are few and far between.</remarks>
public sealed class SmtpPasskeyEmailSender : IPasskeyEmailSender
{
    private readonly PasskeyEmailLoginOptions _options;
    private readonly TimeProvider _time;

    /// <summary>
    /// Initializes a new instance of <see cref="SmtpPasskeyEmailSender"/>.
    /// </summary>
    /// <param name="options">The email options, with the SMTP server and the sender address.</param>
    /// <param name="time">The clock that dates messages.</param>
    public SmtpPasskeyEmailSender(IOptions<PasskeyEmailLoginOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _time = time;
    }

    /// <inheritdoc />
    public async Task SendAsync(PasskeyEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = _options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException("Email:Smtp:Host is empty; set it to the SMTP server's host name.");
        }

        using var mime = PasskeyMimeMessages.Create(message, _options.From, _time.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}
