using System.Collections.Concurrent;
using Passkeys.AspNetCore.Email;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

/// <summary>An email sender that keeps every message, for tests that read the link out of it.</summary>
internal sealed class CapturingEmailSender : IPasskeyEmailSender
{
    private readonly ConcurrentQueue<PasskeyEmailMessage> _messages = new();

    public IReadOnlyList<PasskeyEmailMessage> Messages => [.. _messages];

    /// <summary>Forgets the messages so far, so a test counts only what comes after.</summary>
    public void Clear() => _messages.Clear();

    public Task SendAsync(PasskeyEmailMessage message, CancellationToken cancellationToken)
    {
        _messages.Enqueue(message);
        return Task.CompletedTask;
    }
}
