using System.Text.RegularExpressions;
using MimeKit;

namespace Passkeys.Tests.Site;

/// <summary>
/// The site's pickup directory read as a mailbox: waits for the <c>.eml</c> files the site's background sender
/// writes, and hands each message out once. A wait for one kind of link leaves the other messages (a verification
/// link, a notice) for the waits that look for them.
/// </summary>
public sealed partial class Mailbox(string directory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>The path of the sign-in link's page (<c>Email:ConfirmPath</c>).</summary>
    public const string SignInPath = "/email-login/confirm";

    /// <summary>The path of the verification link's page (<c>Email:VerifyPath</c>).</summary>
    public const string VerifyPath = "/email/verify";

    public string Directory { get; } = directory;

    /// <summary>Waits for the next message to <paramref name="to"/> not handed out before, or fails after a timeout.</summary>
    public Task<MimeMessage> WaitForMessageAsync(string to) => WaitForAsync(to, _ => true, "email");

    /// <summary>Waits for the next message to <paramref name="to"/> whose subject has <paramref name="subject"/>.</summary>
    public Task<MimeMessage> WaitForMessageAsync(string to, string subject)
        => WaitForAsync(to, m => m.Subject?.Contains(subject, StringComparison.Ordinal) == true, $"email about \"{subject}\"");

    /// <summary>Waits for the next sign-in email to <paramref name="to"/> and returns the link in its text.</summary>
    public Task<Uri> WaitForLinkAsync(string to) => WaitForLinkAsync(to, SignInPath);

    /// <summary>Waits for the next email to <paramref name="to"/> that verifies the address and returns its link.</summary>
    public Task<Uri> WaitForVerificationLinkAsync(string to) => WaitForLinkAsync(to, VerifyPath);

    /// <summary>Gets how many messages to <paramref name="to"/> with a link to <paramref name="path"/> are in the folder, handed out or not.</summary>
    public async Task<int> CountLinksAsync(string to, string path)
    {
        var count = 0;
        foreach (var file in Files())
        {
            using var message = await MimeMessage.LoadAsync(file);
            count += IsTo(message, to) && LinkTo(message, path) is not null ? 1 : 0;
        }

        return count;
    }

    private async Task<Uri> WaitForLinkAsync(string to, string path)
    {
        using var message = await WaitForAsync(to, m => LinkTo(m, path) is not null, "email with a link to " + path);
        return LinkTo(message, path)!;
    }

    private async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool> wanted, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await TakeAsync(to, wanted) is { } message)
            {
                return message;
            }

            await Task.Delay(PollInterval);
        }

        Assert.Fail($"No {what} to {to} was written to {Directory} within {Timeout.TotalSeconds} seconds.");
        throw new InvalidOperationException("Unreachable.");
    }

    /// <summary>The link in the message's text whose path is <paramref name="path"/>, or null.</summary>
    private static Uri? LinkTo(MimeMessage message, string path)
        => LinkPattern().Matches(message.TextBody ?? string.Empty).Select(m => new Uri(m.Value)).FirstOrDefault(u => u.AbsolutePath == path);

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

    private async Task<MimeMessage?> TakeAsync(string to, Func<MimeMessage, bool> wanted)
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
            if (IsTo(message, to) && wanted(message))
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
