namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Delivers the emails of sign-in by link and the security notices.
/// </summary>
/// <remarks>
/// <c>AddEmailLogin()</c> registers <see cref="SmtpPasskeyEmailSender"/> or <see cref="PickupDirectoryPasskeyEmailSender"/>
/// from configuration unless the app registers its own implementation. Messages are sent in the background, after
/// the response, so an implementation may take its time; an exception is logged and the message is dropped.
/// </remarks>
public interface IPasskeyEmailSender
{
    /// <summary>Sends a message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>A task that completes when the message is handed over.</returns>
    Task SendAsync(PasskeyEmailMessage message, CancellationToken cancellationToken);
}
