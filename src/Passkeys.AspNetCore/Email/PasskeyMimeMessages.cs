using MimeKit;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Turns a <see cref="PasskeyEmailMessage"/> into a MIME message: multipart/alternative with the text and HTML bodies.
/// </summary>
internal static class PasskeyMimeMessages
{
    public static MimeMessage Create(PasskeyEmailMessage message, string from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage { Subject = message.Subject, Date = date };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
