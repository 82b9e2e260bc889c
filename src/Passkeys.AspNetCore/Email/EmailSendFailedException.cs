namespace Passkeys.AspNetCore.Email;

/// <summary>
/// The <see cref="IPasskeyEmailSender"/> failed to send an email to <see cref="UserId"/>: the dispatcher drops the
/// item (in memory) or tries it again later (outbox). The inner exception is the sender's, never logged as such.
/// </summary>
internal sealed class EmailSendFailedException(string userId, Exception inner) : Exception("Sending an email failed.", inner)
{
    public string UserId { get; } = userId;
}
