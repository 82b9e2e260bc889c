using Fido2NetLib;
using Passkeys.Engine;

namespace Passkeys;

/// <content>
/// A signed-in user confirming it is them ("step-up") with one of their own passkeys.
/// </content>
public sealed partial class PasskeyEngine
{
    /// <summary>
    /// Starts a confirmation by the signed-in user: the options allow only that user's passkeys.
    /// </summary>
    /// <param name="userId">The id of the signed-in user.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>
    /// The ceremony start, or <see cref="PasskeyErrorCodes.UserNotFound"/>, <see cref="PasskeyErrorCodes.NoPasskeys"/>
    /// (or <see cref="PasskeyErrorCodes.TooManyCeremonies"/>).
    /// </returns>
    public async Task<PasskeyResult<PasskeyCeremonyStart>> BeginReauthenticationAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (await _users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false) is null)
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(PasskeyErrorCodes.UserNotFound, "The user does not exist.");
        }

        // Never an empty allow list: that would let the browser offer any discoverable passkey, someone else's too.
        var credentials = await _credentials.ListByUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (credentials.Count == 0)
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(PasskeyErrorCodes.NoPasskeys, "You have no passkey to confirm with.");
        }

        var options = _fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = credentials.Select(Describe).ToArray(),
            UserVerification = _options.UserVerification,
        });
        options.Hints = Hints();
        return await StartAsync(PasskeyCeremonyKind.Reauthentication, options.ToJson(), userId, email: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes a confirmation: verifies the assertion exactly as a sign-in, for a passkey of the user the ceremony
    /// was started for, and records the passkey's use.
    /// </summary>
    /// <param name="ceremonyId">The id from <see cref="BeginReauthenticationAsync"/>.</param>
    /// <param name="userId">The id of the signed-in user; it must be the user the ceremony was started for.</param>
    /// <param name="responseJson">The browser's <c>credential.toJSON()</c>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user and passkey, or an error (another user's passkey is <see cref="PasskeyErrorCodes.UnknownCredential"/>).</returns>
    public async Task<PasskeyResult<PasskeyAuthentication>> CompleteReauthenticationAsync(string ceremonyId, string userId, string responseJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var started = _time.GetTimestamp();
        var result = await CompleteAuthenticationCoreAsync(ceremonyId, PasskeyCeremonyKind.Reauthentication, userId, responseJson, cancellationToken).ConfigureAwait(false);
        Record(PasskeyCeremonyKind.Reauthentication, result.Error, started);
        if (result.Succeeded)
        {
            PasskeyLog.Reauthenticated(_logger, result.Value.User.Id);
        }

        return result;
    }
}
