namespace Passkeys;

/// <summary>
/// Represents an emailed sign-in link waiting to be used. Only the SHA-256 hash of its secret is kept.
/// </summary>
public sealed class PasskeyLoginToken
{
    /// <summary>
    /// Initializes a new instance of <see cref="PasskeyLoginToken"/>.
    /// </summary>
    /// <param name="tokenHash">The SHA-256 hash of the secret sent in the link.</param>
    /// <param name="userId">The user the link signs in.</param>
    /// <param name="expiresAt">When the link stops working.</param>
    public PasskeyLoginToken(byte[] tokenHash, string userId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        ArgumentException.ThrowIfNullOrEmpty(userId);

        TokenHash = tokenHash;
        UserId = userId;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the SHA-256 hash of the secret sent in the link.</summary>
    public byte[] TokenHash { get; }

    /// <summary>Gets the id of the user the link signs in.</summary>
    public string UserId { get; }

    /// <summary>Gets when the link stops working.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// Gets the hash of the browser binding the link was issued to, or <see langword="null"/> when it may be
    /// opened in any browser.
    /// </summary>
    public byte[]? BrowserBindingHash { get; init; }
}
