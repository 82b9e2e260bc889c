using System.Globalization;
using Microsoft.Extensions.Options;

namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Writes each email as an <c>.eml</c> file into <see cref="PasskeyEmailLoginOptions.PickupDirectory"/> instead of
/// sending it: for development, samples and tests. Mail clients open <c>.eml</c> files, and a relay can pick them up.
/// </summary>
/// <remarks>
/// A file is written under a temporary name and then renamed, so a reader never sees half a message. The folder
/// holds working sign-in links: keep it private to the app.
/// </remarks>
public sealed class PickupDirectoryPasskeyEmailSender : IPasskeyEmailSender
{
    private readonly PasskeyEmailLoginOptions _options;
    private readonly TimeProvider _time;

    /// <summary>
    /// Initializes a new instance of <see cref="PickupDirectoryPasskeyEmailSender"/>.
    /// </summary>
    /// <param name="options">The email options, with the folder and the sender address.</param>
    /// <param name="time">The clock that dates messages and names files.</param>
    public PickupDirectoryPasskeyEmailSender(IOptions<PasskeyEmailLoginOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _time = time;
    }

    /// <inheritdoc />
    public async Task SendAsync(PasskeyEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(_options.PickupDirectory))
        {
            throw new InvalidOperationException("Email:PickupDirectory is empty; set it to a folder the app may write to.");
        }

        var directory = Path.GetFullPath(_options.PickupDirectory);
        Directory.CreateDirectory(directory);
        var now = _time.GetUtcNow();
        using var mime = PasskeyMimeMessages.Create(message, _options.From, now);
        var name = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}");
        var temporary = Path.Combine(directory, name + ".tmp");
        var final = Path.Combine(directory, name + ".eml");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await mime.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, final);
    }
}
