namespace Passkeys;

/// <summary>
/// Represents a ceremony in progress: the options issued to the browser, kept until the response comes back.
/// </summary>
/// <remarks>
/// A ceremony is taken from its store exactly once, so a response can be verified once and never again.
/// </remarks>
public sealed class PasskeyCeremony
{
    /// <summary>
    /// Initializes a new instance of <see cref="PasskeyCeremony"/>.
    /// </summary>
    /// <param name="id">The random identifier the browser presents with its response.</param>
    /// <param name="kind">The kind of ceremony.</param>
    /// <param name="optionsJson">The options exactly as issued, in WebAuthn JSON.</param>
    /// <param name="expiresAt">When the ceremony stops being accepted.</param>
    public PasskeyCeremony(string id, PasskeyCeremonyKind kind, string optionsJson, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(optionsJson);

        Id = id;
        Kind = kind;
        OptionsJson = optionsJson;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the random identifier of the ceremony.</summary>
    public string Id { get; }

    /// <summary>Gets the kind of ceremony.</summary>
    public PasskeyCeremonyKind Kind { get; }

    /// <summary>Gets the options exactly as issued, in WebAuthn JSON.</summary>
    public string OptionsJson { get; }

    /// <summary>Gets when the ceremony stops being accepted.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// Gets the id of the user the ceremony is for: the signed-in user when adding a passkey, the named user in
    /// username-first sign-in; <see langword="null"/> for a new account or a discoverable sign-in.
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>Gets the email address of the account being created, if one was given.</summary>
    public string? Email { get; init; }

    /// <summary>
    /// Gets the client the ceremony was started for (see <see cref="PasskeyClientContext"/>); a bounded store
    /// shares its room between clients by it. <see langword="null"/> when the host did not name one. Never sent to
    /// the browser, and a store need not keep it.
    /// </summary>
    public string? ClientPartition { get; init; }

    /// <summary>
    /// Gets the origin the ceremony was started from (see <see cref="PasskeyClientContext.Origin"/>); the response
    /// must come from this origin. <see langword="null"/> when the host did not name one: then any configured origin
    /// is accepted. A store must keep it.
    /// </summary>
    public string? Origin { get; init; }
}
