using System.Text.RegularExpressions;
using MimeKit;

namespace DemoSite.Tests.Infrastructure;

/// <summary>
/// The site's pickup directory read as a mailbox: waits for the <c>.eml</c> files the site's background sender
/// writes, and hands each message out once.
/// </summary>
public sealed partial class Mailbox(string directory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public string Directory { get; } = directory;

    /// <summary>Waits for the next message to <paramref name="to"/> not handed out before, or fails after a timeout.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string to)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await TakeAsync(to) is { } message)
            {
                return message;
            }

            await Task.Delay(PollInterval);
        }

        Assert.Fail($"No email to {to} was written to {Directory} within {Timeout.TotalSeconds} seconds.");
        throw new InvalidOperationException("Unreachable.");
    }

    /// <summary>Waits for the next sign-in email to <paramref name="to"/> and returns the link in its text.</summary>
    public async Task<Uri> WaitForLinkAsync(string to)
    {
        using var message = await WaitForMessageAsync(to);
        var match = LinkPattern().Match(message.TextBody ?? string.Empty);
        Assert.That(match.Success, Is.True, $"The email has no sign-in link: {message.TextBody}");
        return new Uri(match.Value);
    }

    /// <summary>Gets how many messages to <paramref name="to"/> are in the folder, handed out or not.</summary>
    public async Task<int> CountAsync(string to)
    {
        var count = 0;
        foreach (var file in Files())
        {
            using var message = await MimeMessage.LoadAsync(file);
            count += IsTo(message, to) ? 1 : 0;
        }

        return count;
    }

    private async Task<MimeMessage?> TakeAsync(string to)
    {
        foreach (var file in Files())
        {
            lock (_taken)
            {
                if (_taken.Contains(file))
                {
                    continue;
                }
            }

            var message = await MimeMessage.LoadAsync(file);
            if (IsTo(message, to))
            {
                lock (_taken)
                {
                    if (_taken.Add(file))
                    {
                        return message;
                    }
                }
            }

            message.Dispose();
        }

        return null;
    }

    // The sender writes "*.tmp" and renames it, so every "*.eml" is whole. Names begin with the time, so this is oldest first.
    private IEnumerable<string> Files()
        => System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal) : [];

    private static bool IsTo(MimeMessage message, string to)
        => message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"https?://\S+#token=\S+")]
    private static partial Regex LinkPattern();
}
