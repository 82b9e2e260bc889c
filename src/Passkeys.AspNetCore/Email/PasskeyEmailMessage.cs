namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Represents an email to one recipient, as plain text and as HTML whose user-supplied values are already encoded.
/// </summary>
/// <param name="To">The recipient's email address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain text body.</param>
/// <param name="HtmlBody">The HTML body.</param>
public sealed record PasskeyEmailMessage(string To, string Subject, string TextBody, string HtmlBody);
