namespace Passkeys;

/// <content>
/// Adding a passkey by conditional create (the automatic passkey upgrade).
/// </content>
public sealed partial class PasskeyEngine
{
    /// <summary>
    /// Starts adding a passkey that the browser's password manager may create without asking the person, right after
    /// they signed in another way (<c>navigator.credentials.create({ mediation: "conditional" })</c>). The options ask
    /// for user verification only as preferred and for no attestation.
    /// </summary>
    /// <param name="userId">The id of the signed-in user.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>
    /// The ceremony start, or <see cref="PasskeyErrorCodes.UserNotFound"/>, <see cref="PasskeyErrorCodes.TooManyPasskeys"/>
    /// (or <see cref="PasskeyErrorCodes.TooManyCeremonies"/>).
    /// </returns>
    /// <remarks>
    /// Deciding when a session may do this is the caller's job: the endpoints allow it only to a session that has just
    /// signed in with an emailed link. See <see href="https://www.w3.org/TR/webauthn-3/#sctn-registering-a-new-credential">WebAuthn §7.1</see>.
    /// </remarks>
    public Task<PasskeyResult<PasskeyCeremonyStart>> BeginConditionalAddCredentialAsync(string userId, CancellationToken cancellationToken = default)
        => BeginAddCredentialCoreAsync(userId, PasskeyCeremonyKind.ConditionalAddCredential, cancellationToken);

    /// <summary>
    /// Completes a conditional create: verifies the passkey as <see cref="CompleteAddCredentialAsync"/> does, except that
    /// a response without user presence is accepted when its attestation is <c>none</c>, as WebAuthn allows for this
    /// ceremony only.
    /// </summary>
    /// <param name="ceremonyId">The id from <see cref="BeginConditionalAddCredentialAsync"/>.</param>
    /// <param name="userId">The id of the signed-in user; it must be the user the ceremony was started for.</param>
    /// <param name="responseJson">The browser's <c>credential.toJSON()</c>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user and the new passkey, or an error.</returns>
    public Task<PasskeyResult<PasskeyRegistration>> CompleteConditionalAddCredentialAsync(string ceremonyId, string userId, string responseJson, CancellationToken cancellationToken = default)
        => CompleteAddCredentialRecordedAsync(ceremonyId, userId, responseJson, PasskeyCeremonyKind.ConditionalAddCredential, cancellationToken);
}
