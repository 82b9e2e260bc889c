using System.Collections.Concurrent;
using Passkeys.AspNetCore.Email;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

/// <summary>
/// An email sender that holds every message until <see cref="Open"/> (an SMTP server that does not answer yet), then
/// keeps each with how many items the queue still held when it was sent.
/// </summary>
internal sealed class GatedEmailSender : IPasskeyEmailSender
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<(PasskeyEmailMessage Message, int Pending)> _sent = new();

    /// <summary>Gets or sets the queue whose <see cref="EmailLoginQueue.Pending"/> is noted with each message.</summary>
    public EmailLoginQueue? Queue { get; set; }

    /// <summary>Gets the messages sent, each with the queue's pending count (itself included) when it was sent.</summary>
    public IReadOnlyList<(PasskeyEmailMessage Message, int Pending)> Sent => [.. _sent];

    /// <summary>Completes when the first message is being held: the dispatcher is busy.</summary>
    public Task Held => _held.Task;

    public void Open() => _open.TrySetResult();

    public async Task SendAsync(PasskeyEmailMessage message, CancellationToken cancellationToken)
    {
        _held.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        _sent.Enqueue((message, Queue?.Pending ?? -1));
    }
}
