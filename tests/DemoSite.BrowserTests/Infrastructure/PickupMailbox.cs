using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;

namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>The site's email pickup folder read as an inbox: the sign-in link in the newest <c>.eml</c> to an address.</summary>
public static partial class PickupMailbox
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits for an email to <paramref name="to"/> (the site writes it in the background) and returns its sign-in link.</summary>
    public static async Task<Uri> WaitForSignInLinkAsync(string directory, string to)
    {
        var waited = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (waited.Elapsed < Timeout)
        {
            // The sender writes "*.tmp" and renames it, so every "*.eml" is whole; names begin with the time.
            foreach (var file in Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Reverse())
            {
                using var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
                {
                    var link = LinkPattern().Match(message.TextBody ?? string.Empty);
                    Assert.That(link.Success, Is.True, $"The email to {to} has no sign-in link: {message.TextBody}");
                    return new Uri(link.Value);
                }
            }

            await poll.WaitForNextTickAsync();
        }

        Assert.Fail($"No email to {to} was written to {directory} within {Timeout.TotalSeconds:0} s.");
        throw new UnreachableException();
    }

    [GeneratedRegex(@"https?://\S+#token=\S+")]
    private static partial Regex LinkPattern();
}
