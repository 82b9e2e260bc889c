namespace Passkeys.Engine.FastPath;

/// <summary>
/// The members of <c>clientDataJSON</c> (WebAuthn §5.8.1) verification reads. When a member appears twice, the
/// last one counts, as with the JSON serializer Fido2 uses.
/// </summary>
internal struct ClientDataFields
{
    public ClientDataType Type;

    public bool HasChallenge;

    /// <summary>Whether the challenge decoded to the issued challenge (compared in constant time).</summary>
    public bool ChallengeMatches;

    /// <summary>Whether the origin is one of the configured origins as written, so it needs no normalising.</summary>
    public bool OriginMatched;

    /// <summary>The origin when not <see cref="OriginMatched"/>; <see langword="null"/> when missing or null.</summary>
    public string? Origin;

    public bool CrossOrigin;

    public string? TopOrigin;

    public bool HasTokenBinding;

    public string? TokenBindingStatus;

    public string? TokenBindingId;
}
