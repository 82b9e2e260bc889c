using System.Security.Cryptography;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Passkeys.Engine;
using Passkeys.Engine.FastPath;
using Passkeys.Stores;

namespace Passkeys;

/// <content>
/// Signing in, username-first or discoverable.
/// </content>
public sealed partial class PasskeyEngine
{
    /// <summary>
    /// Starts signing in. With a user name, the options list that user's passkeys (an unknown name gets
    /// options that look the same); without one, the browser offers any discoverable passkey (also autofill).
    /// </summary>
    /// <param name="userName">The user name (or email address), or <see langword="null"/> for a discoverable sign-in.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The ceremony start, or <see cref="PasskeyErrorCodes.TooManyCeremonies"/> when the ceremony store is full.</returns>
    public async Task<PasskeyResult<PasskeyCeremonyStart>> BeginAuthenticationAsync(string? userName = null, CancellationToken cancellationToken = default)
    {
        string? userId = null;
        IReadOnlyList<PublicKeyCredentialDescriptor> allowed = [];
        var name = userName?.Trim();
        if (!string.IsNullOrEmpty(name))
        {
            // The same store work whether or not the name has an account: the lookups, then one credential list
            // query (for an id no account has when there is none). A user without passkeys is treated as unknown.
            // A name the normalizer refuses is no one's; the decoys of every spelling of one name are the same.
            var key = PasskeyNameNormalizer.TryNormalize(name, out var normalized) ? normalized : null;
            var user = key is null ? null : await FindSignInUserAsync(name, cancellationToken).ConfigureAwait(false);
            var credentials = await _credentials.ListByUserAsync(user?.Id ?? _decoys.NoUserId, cancellationToken).ConfigureAwait(false);
            if (user is not null && credentials.Count > 0)
            {
                userId = user.Id;
                allowed = credentials.Select(DescribeForSignIn).ToArray();
            }
            else
            {
                allowed = _decoys.For(key ?? name);
            }
        }

        var options = _fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allowed,
            UserVerification = _options.UserVerification,
        });
        options.Hints = Hints();
        return await StartAsync(PasskeyCeremonyKind.Authentication, options.ToJson(), userId, email: null, cancellationToken).ConfigureAwait(false);
    }

    // Listed as a decoy could be: transports no decoy shape has are left out (the browser then tries every one).
    private static PublicKeyCredentialDescriptor DescribeForSignIn(PasskeyCredential credential)
        => new(PublicKeyCredentialType.PublicKey, credential.CredentialId, DecoyShapes.Listed(TransportNames.Parse(credential.Transports)));

    // The user a sign-in by name or email is for. Stores keep names and emails one namespace; should one still hold a
    // name that is another user's email (written before it kept that rule), the sign-in is for neither of them,
    // rather than for whichever lookup comes first.
    private async Task<PasskeyUser?> FindSignInUserAsync(string name, CancellationToken cancellationToken)
    {
        var byName = await _users.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (!name.Contains('@', StringComparison.Ordinal))
        {
            return byName;
        }

        var byEmail = await _users.FindByEmailAsync(name, cancellationToken).ConfigureAwait(false);
        return byName is null ? byEmail
            : byEmail is null || byEmail.Id == byName.Id ? byName
            : null;
    }

    /// <summary>
    /// Completes signing in: verifies the assertion and records the passkey's use.
    /// </summary>
    /// <param name="ceremonyId">The id from <see cref="BeginAuthenticationAsync"/>.</param>
    /// <param name="responseJson">The browser's <c>credential.toJSON()</c>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user and passkey, or an error.</returns>
    public async Task<PasskeyResult<PasskeyAuthentication>> CompleteAuthenticationAsync(string ceremonyId, string responseJson, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var result = await CompleteAuthenticationCoreAsync(ceremonyId, PasskeyCeremonyKind.Authentication, userId: null, responseJson, cancellationToken).ConfigureAwait(false);
        Record(PasskeyCeremonyKind.Authentication, result.Error, started);
        if (result.Succeeded)
        {
            PasskeyLog.SignedIn(_logger, result.Value.User.Id);
        }

        return result;
    }

    // A sign-in (userId null) or a signed-in user's confirmation (kind Reauthentication, userId theirs): the same
    // verification, and a confirmation's ceremony must have been started for that user.
    private async Task<PasskeyResult<PasskeyAuthentication>> CompleteAuthenticationCoreAsync(
        string ceremonyId, PasskeyCeremonyKind kind, string? userId, string responseJson, CancellationToken cancellationToken)
    {
        var (ceremony, error) = await TakeAsync(ceremonyId, kind, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Fail<PasskeyAuthentication>(error);
        }

        if (userId is not null && !string.Equals(ceremony!.UserId, userId, StringComparison.Ordinal))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.CeremonyMismatch, "The ceremony was started for a different user.");
        }

        if (!ResponseParser.TryParseAssertion(responseJson, _options.MaxResponseLength, out var response, out var problem))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.MalformedResponse, problem!);
        }

        if (ClientDataError(response!.Response.ClientDataJson, "webauthn.get", ceremony!.Origin) is { } typeError)
        {
            return Fail<PasskeyAuthentication>(typeError);
        }

        var options = AssertionOptions.FromJson(ceremony!.OptionsJson);

        // §7.2 step 5: with a user name, the credential must be one the options allowed. Checked before any lookup,
        // so another person's passkey fails here, in the same way, whether or not the name has an account.
        var usernameFirst = options.AllowCredentials.Count > 0;
        if (usernameFirst && !options.AllowCredentials.Any(c => c.Id.AsSpan().SequenceEqual(response.RawId)))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.UnknownCredential, NotAllowedMessage);
        }

        var (found, owner) = await FindWithOwnerAsync(response.RawId, cancellationToken).ConfigureAwait(false);
        var standIn = found is null || owner is null;

        // §7.2 step 6, discoverable: the id and the user handle name the passkey together, so a stored id with a
        // missing or foreign handle is answered as an id that is not stored. Otherwise an id listed for a user name (a
        // real one or a decoy) would tell, here, whether that name has an account.
        var userHandle = response.Response.UserHandle;
        if (!usernameFirst && (standIn || userHandle is not { Length: > 0 } || !CryptographicOperations.FixedTimeEquals(userHandle, owner!.UserHandle)))
        {
            // With a user handle the answer is definite (no stored passkey has this id and handle, so the provider may
            // forget it), and the same for a stored id with a foreign handle as for a decoy id; without one it is not
            // (a provider that sends none may hold a stored passkey), and it stays unknown_credential.
            var code = kind == PasskeyCeremonyKind.Authentication && userHandle is { Length: > 0 }
                ? PasskeyErrorCodes.CredentialNotRegistered
                : PasskeyErrorCodes.UnknownCredential;
            return Fail<PasskeyAuthentication>(code, "No passkey with this id and user handle is registered.");
        }

        // An allowed id that is not stored is a decoy (or a passkey deleted since the options were issued): it is
        // verified against a stand-in whose key verifies nothing, so a made-up response fails at the same step, with
        // the same code, as one for a real passkey.
        var (credential, user) = standIn ? _decoys.StandIn(response.RawId, ceremony.UserId) : (found!, owner!);
        if (ceremony.UserId is not null && !string.Equals(credential.UserId, ceremony.UserId, StringComparison.Ordinal))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.UnknownCredential, NotAllowedMessage);
        }

        // §7.2 step 6, with a user name: a user handle, when given, must be the owner's (the stand-in's for a decoy).
        if (userHandle is { Length: > 0 } && !CryptographicOperations.FixedTimeEquals(userHandle, user.UserHandle))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.UserHandleMismatch, "The user handle does not belong to the passkey's owner.");
        }

        var verification = await VerifyAssertionAsync(response, options, credential, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded)
        {
            return Fail<PasskeyAuthentication>(verification.Error);
        }

        if (standIn)
        {
            // Unreachable (the stand-in's private key was never kept); never sign anyone in as a stand-in.
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.SignatureInvalid, "The sign-in response did not verify.");
        }

        // §7.2 steps 16-17: the flags must meet the site's policy, and BE is meant to be fixed for a credential's
        // life; providers have changed it (see BackupEligibilityChangePolicy), so a change is the policy's call.
        // A change is accepted only from a passkey that does not count (stored and reported counters zero, as synced
        // providers report them): for one that counts, the counter is what tells a clone, and a clone that could turn
        // BE on would have its regressions excused from then on.
        var verified = verification.Value;
        var eligibilityChanged = verified.IsBackupEligible != credential.IsBackupEligible;
        var changeAccepted = _options.BackupEligibilityChange == BackupEligibilityChangePolicy.AcceptAndUpdate
            && credential.SignCount == 0 && verified.SignCount == 0;
        if (BackupPolicyError(verified.IsBackupEligible, verified.IsBackedUp) is not null || (eligibilityChanged && !changeAccepted))
        {
            if (eligibilityChanged)
            {
                PasskeyLog.BackupEligibilityChanged(_logger, user.Id, credential.IsBackupEligible, verified.IsBackupEligible, accepted: false);
                _metrics.BackupEligibilityChanged(accepted: false);
            }

            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.BackupFlagsInvalid, "The passkey's backup flags changed or are not allowed.");
        }

        // §7.2 step 22: a counter that does not increase may mean a cloned authenticator. Here the stored and the
        // reported BE flags agree: a change was refused above unless both counters are zero, which is no regression.
        var stored = credential.SignCount;
        var regressed = (verified.SignCount != 0 || stored != 0) && verified.SignCount <= stored;
        if (regressed)
        {
            var reject = _options.SignCountRegression switch
            {
                SignCountRegressionPolicy.AcceptAndFlag => false,
                SignCountRegressionPolicy.RejectDeviceBound => !credential.IsBackupEligible,
                _ => true,
            };
            PasskeyLog.CounterRegressed(_logger, user.Id, stored, verified.SignCount);
            _metrics.CounterRegressed(accepted: !reject);
            if (reject)
            {
                return Fail<PasskeyAuthentication>(PasskeyErrorCodes.CounterRegressed, "The signature counter did not increase.");
            }
        }

        if (eligibilityChanged)
        {
            PasskeyLog.BackupEligibilityChanged(_logger, user.Id, credential.IsBackupEligible, verified.IsBackupEligible, accepted: true);
            _metrics.BackupEligibilityChanged(accepted: true);
        }

        var now = _time.GetUtcNow();
        if (!ChangesNothingButRecentUse(credential, verified, now))
        {
            credential.SignCount = verified.SignCount;
            credential.IsBackupEligible = verified.IsBackupEligible;
            credential.IsBackedUp = verified.IsBackedUp;
            credential.IsUserVerified = verified.UserVerified;
            credential.LastUsedAt = now;
            if (!await _credentials.UpdateUsageAsync(credential, stored, cancellationToken).ConfigureAwait(false))
            {
                return Fail<PasskeyAuthentication>(PasskeyErrorCodes.CounterRegressed, "The passkey was used or removed at the same moment.");
            }
        }

        return PasskeyResult<PasskeyAuthentication>.Success(new PasskeyAuthentication(user, credential, regressed, eligibilityChanged));
    }

    private const string NotAllowedMessage = "The passkey was not one the sign-in options allowed.";

    // A synced passkey's sign-in (count zero, flags as stored) soon after the last stored use: nothing worth a write.
    private bool ChangesNothingButRecentUse(PasskeyCredential credential, VerifiedAssertion verified, DateTimeOffset now)
        => verified.SignCount == 0 && credential.SignCount == 0
            && verified.IsBackupEligible == credential.IsBackupEligible
            && verified.IsBackedUp == credential.IsBackedUp
            && verified.UserVerified == credential.IsUserVerified
            && credential.LastUsedAt is { } lastUsed
            && now >= lastUsed && now - lastUsed < _options.LastUsedRefreshInterval;

    // One read when the store can join credential and owner; two lookups otherwise (the second also for an id that
    // is not stored, so a decoy costs what a real passkey does).
    private async Task<(PasskeyCredential? Credential, PasskeyUser? User)> FindWithOwnerAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        if (_credentials is IPasskeyCredentialOwnerStore owners)
        {
            var found = await owners.FindWithOwnerAsync(credentialId, cancellationToken).ConfigureAwait(false);
            return found is { } pair ? (pair.Credential, pair.User) : (null, null);
        }

        var credential = await _credentials.FindByIdAsync(credentialId, cancellationToken).ConfigureAwait(false);
        var user = await _users.FindByIdAsync(credential?.UserId ?? _decoys.NoUserId, cancellationToken).ConfigureAwait(false);
        return credential is null ? (null, null) : (credential, user);
    }

    private async Task<PasskeyResult<VerifiedAssertion>> VerifyAssertionAsync(
        AuthenticatorAssertionRawResponse response, AssertionOptions options, PasskeyCredential credential, CancellationToken cancellationToken)
    {
        // The counter rule is applied by the caller, where its policy lives; the verifiers are given zero so they never refuse.
        try
        {
            if (_options.UseAssertionFastPath)
            {
                var fast = _verifier.Verify(response, options, credential.CredentialId, credential.PublicKey, storedSignatureCounter: 0);
                switch (fast.Outcome)
                {
                    case AssertionOutcome.Verified:
                        return PasskeyResult<VerifiedAssertion>.Success(new VerifiedAssertion(fast.SignCount, fast.IsBackupEligible, fast.IsBackedUp, fast.UserVerified));
                    case AssertionOutcome.Failed:
                        return Fail<VerifiedAssertion>(Fido2ErrorMapper.ToCode(fast.Error), "The sign-in response did not verify.");
                }
            }

            var verified = await _fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = options,
                StoredPublicKey = credential.PublicKey,
                StoredSignatureCounter = 0,
                IsUserHandleOwnerOfCredentialIdCallback = static (_, _) => Task.FromResult(true),
            }, cancellationToken).ConfigureAwait(false);
            var authenticatorData = AuthenticatorData.Parse(response.Response.AuthenticatorData);
            return PasskeyResult<VerifiedAssertion>.Success(
                new VerifiedAssertion(verified.SignCount, authenticatorData.IsBackupEligible, verified.IsBackedUp, authenticatorData.UserVerified));
        }
        catch (Fido2VerificationException e)
        {
            return Fail<VerifiedAssertion>(Fido2ErrorMapper.ToCode(e.Code), "The sign-in response did not verify.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PasskeyLog.ResponseUnreadable(_logger, e.GetType().Name);
            return Fail<VerifiedAssertion>(PasskeyErrorCodes.MalformedResponse, "The sign-in response could not be read.");
        }
    }

    private sealed record VerifiedAssertion(uint SignCount, bool IsBackupEligible, bool IsBackedUp, bool UserVerified);
}
