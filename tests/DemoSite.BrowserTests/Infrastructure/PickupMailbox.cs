using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;

namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>
/// The site's email pickup folder read as an inbox: the link of a kind (sign-in, verification) in the newest
/// <c>.eml</c> to an address that has one.
/// </summary>
public static partial class PickupMailbox
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits for an email to <paramref name="to"/> (the site writes it in the background) and returns its sign-in link.</summary>
    public static Task<Uri> WaitForSignInLinkAsync(string directory, string to) => WaitForLinkAsync(directory, to, "/email-login/confirm");

    /// <summary>Waits for an email to <paramref name="to"/> that verifies the address and returns its link.</summary>
    public static Task<Uri> WaitForVerificationLinkAsync(string directory, string to) => WaitForLinkAsync(directory, to, "/email/verify");

    private static async Task<Uri> WaitForLinkAsync(string directory, string to, string path)
    {
        var waited = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (waited.Elapsed < Timeout)
        {
            // The sender writes "*.tmp" and renames it, so every "*.eml" is whole. Names begin with the time in whole
            // seconds, so the newest is the last written.
            foreach (var file in Directory.GetFiles(directory, "*.eml").OrderByDescending(File.GetLastWriteTimeUtc).ThenByDescending(f => f, StringComparer.Ordinal))
            {
                using var message = await MimeMessage.LoadAsync(file);
                var link = LinkPattern().Matches(message.TextBody ?? string.Empty).Select(m => new Uri(m.Value)).FirstOrDefault(u => u.AbsolutePath == path);
                if (link is not null && message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
                {
                    return link;
                }
            }

            await poll.WaitForNextTickAsync();
        }

        Assert.Fail($"No email to {to} with a link to {path} was written to {directory} within {Timeout.TotalSeconds:0} s.");
        throw new UnreachableException();
    }

    [GeneratedRegex(@"https?://\S+#token=\S+")]
    private static partial Regex LinkPattern();
}
