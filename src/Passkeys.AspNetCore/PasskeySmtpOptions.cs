using MailKit.Security;

namespace Passkeys.AspNetCore;

/// <summary>
/// Configures the SMTP server <see cref="Email.SmtpPasskeyEmailSender"/> sends through (<c>Email:Smtp</c>).
/// </summary>
public sealed class PasskeySmtpOptions
{
    /// <summary>
    /// Gets or sets the host name of the SMTP server.
    /// </summary>
    /// <remarks>Defaults to empty, which means SMTP is not used.</remarks>
    public string Host { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the port of the SMTP server.
    /// </summary>
    /// <remarks>Defaults to 587 (submission with STARTTLS). Use 465 with <see cref="SecureSocketOptions.SslOnConnect"/>.</remarks>
    public int Port { get; set; } = 587;

    /// <summary>
    /// Gets or sets how the connection is secured: <c>StartTls</c>, <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c>,
    /// <c>Auto</c> or <c>None</c>.
    /// </summary>
    /// <remarks>
    /// Defaults to <see cref="SecureSocketOptions.StartTls"/>, which refuses a server that cannot encrypt.
    /// <c>None</c> is for a relay on the same machine only.
    /// </remarks>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>
    /// Gets or sets the user name to authenticate with.
    /// </summary>
    /// <remarks>Defaults to <see langword="null"/>: no authentication.</remarks>
    public string? UserName { get; set; }

    /// <summary>
    /// Gets or sets the password to authenticate with. Keep it in a secret store, not in appsettings.json.
    /// </summary>
    /// <remarks>Defaults to <see langword="null"/>.</remarks>
    public string? Password { get; set; }

    /// <summary>
    /// Gets or sets how long each step of talking to the server may take.
    /// </summary>
    /// <remarks>Defaults to 30 seconds.</remarks>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
