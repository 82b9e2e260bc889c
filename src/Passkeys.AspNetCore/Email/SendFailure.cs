using System.Globalization;
using MailKit.Net.Smtp;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// What may be logged of a failed send: the exception types (outer to inner) and the SMTP reply code. Never the
/// exception's message or the server's reply text, which name the recipient ("550 5.1.1 &lt;bob@…&gt;: …").
/// </summary>
internal static class SendFailure
{
    private const int MaxDepth = 3;

    public static string Types(Exception exception)
    {
        var names = new List<string>(MaxDepth);
        for (var e = exception; e is not null && names.Count < MaxDepth; e = e.InnerException)
        {
            names.Add(e.GetType().Name);
        }

        return string.Join(" <- ", names);
    }

    public static string SmtpStatus(Exception exception) => exception switch
    {
        SmtpCommandException command => string.Create(CultureInfo.InvariantCulture, $"{(int)command.StatusCode} {command.StatusCode} ({command.ErrorCode})"),
        SmtpProtocolException => "protocol error",
        _ => "none",
    };
}
