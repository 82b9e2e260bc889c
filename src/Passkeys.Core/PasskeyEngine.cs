using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys.Engine;
using Passkeys.Engine.FastPath;
using Passkeys.Stores;

namespace Passkeys;

/// <summary>
/// Runs WebAuthn ceremonies over Fido2: creating an account with a passkey, adding a passkey, and signing in.
/// </summary>
/// <remarks>
/// Every <c>Begin…</c> saves the options it issued as a single-use ceremony; every <c>Complete…</c> takes that
/// ceremony first, so a response is verified once and never again. Expected failures come back as a
/// <see cref="PasskeyResult{T}"/> with a code from <see cref="PasskeyErrorCodes"/>; only bugs and
/// cancellation throw. The engine keeps no state of its own.
/// </remarks>
public sealed class PasskeyEngine
{
    private readonly IFido2 _fido2;
    private readonly PasskeyOptions _options;
    private readonly IPasskeyUserStore _users;
    private readonly IPasskeyCredentialStore _credentials;
    private readonly IPasskeyCeremonyStore _ceremonies;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PasskeyMetrics _metrics;
    private readonly DecoyCredentials _decoys;
    private readonly AssertionVerifier _verifier;
    private readonly PublicKeyCache _keys;
    private readonly IReadOnlyList<PubKeyCredParam> _algorithms;

    internal PasskeyEngine(
        IFido2 fido2,
        IOptions<PasskeyOptions> options,
        IPasskeyUserStore users,
        IPasskeyCredentialStore credentials,
        IPasskeyCeremonyStore ceremonies,
        TimeProvider time,
        ILogger<PasskeyEngine> logger,
        PasskeyMetrics metrics,
        DecoyCredentials decoys,
        AssertionVerifier verifier,
        PublicKeyCache keys)
    {
        _fido2 = fido2;
        _options = options.Value;
        _users = users;
        _credentials = credentials;
        _ceremonies = ceremonies;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _decoys = decoys;
        _verifier = verifier;
        _keys = keys;
        _algorithms = (_options.Algorithms.Count > 0 ? _options.Algorithms : [COSE.Algorithm.ES256, COSE.Algorithm.EdDSA, COSE.Algorithm.RS256])
            .Select(a => new PubKeyCredParam(a))
            .ToArray();
    }

    /// <summary>
    /// Starts creating an account: checks the input and issues creation options. No user is stored yet.
    /// </summary>
    /// <param name="request">The user name, display name and email the person gave.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The ceremony start, or an input error (<see cref="PasskeyErrorCodes.InvalidUserName"/>,
    /// <see cref="PasskeyErrorCodes.UserExists"/>, <see cref="PasskeyErrorCodes.EmailExists"/>, ...).</returns>
    public async Task<PasskeyResult<PasskeyCeremonyStart>> BeginRegistrationAsync(PasskeyRegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RegistrationInput.Normalize(request, out var input) is { } invalid)
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(invalid);
        }

        if (await _users.FindByNameAsync(input.UserName, cancellationToken).ConfigureAwait(false) is not null)
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(PasskeyErrorCodes.UserExists, "The user name is already taken.");
        }

        if (input.Email is not null && await _users.FindByEmailAsync(input.Email, cancellationToken).ConfigureAwait(false) is not null)
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(PasskeyErrorCodes.EmailExists, "The email address is already in use.");
        }

        var user = new Fido2User
        {
            Id = RandomNumberGenerator.GetBytes(PasskeysDefaults.MinUserHandleLength),
            Name = input.UserName,
            DisplayName = input.DisplayName!,
        };
        var options = RequestCreation(user, []);
        return PasskeyResult<PasskeyCeremonyStart>.Success(
            await StartAsync(PasskeyCeremonyKind.Registration, options.ToJson(), userId: null, input.Email, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Completes creating an account: verifies the new passkey, then stores the user and the passkey together.
    /// </summary>
    /// <param name="ceremonyId">The id from <see cref="BeginRegistrationAsync"/>.</param>
    /// <param name="responseJson">The browser's <c>credential.toJSON()</c>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The new user and passkey, or an error.</returns>
    public async Task<PasskeyResult<PasskeyRegistration>> CompleteRegistrationAsync(string ceremonyId, string responseJson, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var result = await CompleteRegistrationCoreAsync(ceremonyId, responseJson, cancellationToken).ConfigureAwait(false);
        Record(PasskeyCeremonyKind.Registration, result.Error, started);
        if (result.Succeeded)
        {
            PasskeyLog.UserCreated(_logger, result.Value.User.Id);
        }

        return result;
    }

    /// <summary>
    /// Starts adding a passkey to an existing user, excluding the passkeys they already have.
    /// </summary>
    /// <param name="userId">The id of the signed-in user.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The ceremony start, or <see cref="PasskeyErrorCodes.UserNotFound"/>.</returns>
    public async Task<PasskeyResult<PasskeyCeremonyStart>> BeginAddCredentialAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var user = await _users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(PasskeyErrorCodes.UserNotFound, "The user does not exist.");
        }

        var existing = await _credentials.ListByUserAsync(userId, cancellationToken).ConfigureAwait(false);
        var options = RequestCreation(
            new Fido2User { Id = user.UserHandle, Name = user.UserName, DisplayName = user.DisplayName },
            existing.Select(Describe).ToArray());
        return PasskeyResult<PasskeyCeremonyStart>.Success(
            await StartAsync(PasskeyCeremonyKind.AddCredential, options.ToJson(), userId, email: null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Completes adding a passkey: verifies it and stores it for the user the ceremony was started for.
    /// </summary>
    /// <param name="ceremonyId">The id from <see cref="BeginAddCredentialAsync"/>.</param>
    /// <param name="userId">The id of the signed-in user; it must be the user the ceremony was started for.</param>
    /// <param name="responseJson">The browser's <c>credential.toJSON()</c>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user and the new passkey, or an error.</returns>
    public async Task<PasskeyResult<PasskeyRegistration>> CompleteAddCredentialAsync(string ceremonyId, string userId, string responseJson, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var result = await CompleteAddCredentialCoreAsync(ceremonyId, userId, responseJson, cancellationToken).ConfigureAwait(false);
        Record(PasskeyCeremonyKind.AddCredential, result.Error, started);
        if (result.Succeeded)
        {
            PasskeyLog.CredentialAdded(_logger, result.Value.User.Id);
        }

        return result;
    }

    /// <summary>
    /// Starts signing in. With a user name, the options list that user's passkeys (an unknown name gets
    /// options that look the same); without one, the browser offers any discoverable passkey (also autofill).
    /// </summary>
    /// <param name="userName">The user name (or email address), or <see langword="null"/> for a discoverable sign-in.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The ceremony start.</returns>
    public async Task<PasskeyResult<PasskeyCeremonyStart>> BeginAuthenticationAsync(string? userName = null, CancellationToken cancellationToken = default)
    {
        string? userId = null;
        IReadOnlyList<PublicKeyCredentialDescriptor> allowed = [];
        var name = userName?.Trim();
        if (!string.IsNullOrEmpty(name))
        {
            var user = await _users.FindByNameAsync(name, cancellationToken).ConfigureAwait(false)
                ?? (name.Contains('@', StringComparison.Ordinal) ? await _users.FindByEmailAsync(name, cancellationToken).ConfigureAwait(false) : null);
            var credentials = user is null ? [] : await _credentials.ListByUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
            userId = user?.Id;
            allowed = credentials.Count > 0 ? credentials.Select(Describe).ToArray() : _decoys.For(name);
        }

        var options = _fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allowed,
            UserVerification = _options.UserVerification,
        });
        return PasskeyResult<PasskeyCeremonyStart>.Success(
            await StartAsync(PasskeyCeremonyKind.Authentication, options.ToJson(), userId, email: null, cancellationToken).ConfigureAwait(false));
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
        var result = await CompleteAuthenticationCoreAsync(ceremonyId, responseJson, cancellationToken).ConfigureAwait(false);
        Record(PasskeyCeremonyKind.Authentication, result.Error, started);
        if (result.Succeeded)
        {
            PasskeyLog.SignedIn(_logger, result.Value.User.Id);
        }

        return result;
    }

    /// <summary>
    /// Drops the imported public key the engine keeps for a passkey. Call it after deleting the passkey.
    /// </summary>
    /// <remarks>
    /// Optional: a deleted passkey is never looked up again, and a kept key is only used while it equals the
    /// stored one, so this only frees memory sooner. See <see cref="PasskeyOptions.PublicKeyCacheSize"/>.
    /// </remarks>
    /// <param name="credentialId">The id of the deleted passkey.</param>
    public void ForgetCredential(byte[] credentialId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        _keys.Evict(credentialId);
    }

    private async Task<PasskeyResult<PasskeyRegistration>> CompleteRegistrationCoreAsync(string ceremonyId, string responseJson, CancellationToken cancellationToken)
    {
        var (ceremony, error) = await TakeAsync(ceremonyId, PasskeyCeremonyKind.Registration, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(error);
        }

        var options = CredentialCreateOptions.FromJson(ceremony!.OptionsJson);
        var verified = await VerifyAttestationAsync(options, responseJson, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(verified.Error);
        }

        var now = _time.GetUtcNow();
        var user = new PasskeyUser(NewId(), options.User.Id, options.User.Name, now)
        {
            DisplayName = options.User.DisplayName,
            Email = ceremony.Email,
        };
        var credential = ToCredential(verified.Value, user.Id, now);
        var stored = await _users.CreateAsync(user, credential, cancellationToken).ConfigureAwait(false);
        return stored switch
        {
            PasskeyStoreResult.Success => PasskeyResult<PasskeyRegistration>.Success(new PasskeyRegistration(user, credential)),
            PasskeyStoreResult.UserNameTaken => PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.UserExists, "The user name was taken while the passkey was being created."),
            PasskeyStoreResult.EmailTaken => PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.EmailExists, "The email address was taken while the passkey was being created."),
            _ => PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.DuplicateCredential, "This passkey is already registered."),
        };
    }

    private async Task<PasskeyResult<PasskeyRegistration>> CompleteAddCredentialCoreAsync(string ceremonyId, string userId, string responseJson, CancellationToken cancellationToken)
    {
        var (ceremony, error) = await TakeAsync(ceremonyId, PasskeyCeremonyKind.AddCredential, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(error);
        }

        if (!string.Equals(ceremony!.UserId, userId, StringComparison.Ordinal))
        {
            return PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.CeremonyMismatch, "The ceremony was started for a different user.");
        }

        var options = CredentialCreateOptions.FromJson(ceremony.OptionsJson);
        var verified = await VerifyAttestationAsync(options, responseJson, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(verified.Error);
        }

        var user = await _users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.UserNotFound, "The user no longer exists.");
        }

        var credential = ToCredential(verified.Value, user.Id, _time.GetUtcNow());
        return await _credentials.AddAsync(credential, cancellationToken).ConfigureAwait(false) switch
        {
            PasskeyStoreResult.Success => PasskeyResult<PasskeyRegistration>.Success(new PasskeyRegistration(user, credential)),
            PasskeyStoreResult.NotFound => PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.UserNotFound, "The user no longer exists."),
            _ => PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.DuplicateCredential, "This passkey is already registered."),
        };
    }

    private async Task<PasskeyResult<PasskeyAuthentication>> CompleteAuthenticationCoreAsync(string ceremonyId, string responseJson, CancellationToken cancellationToken)
    {
        var (ceremony, error) = await TakeAsync(ceremonyId, PasskeyCeremonyKind.Authentication, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Fail<PasskeyAuthentication>(error);
        }

        if (!ResponseParser.TryParseAssertion(responseJson, _options.MaxResponseLength, out var response, out var problem))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.MalformedResponse, problem!);
        }

        if (ClientDataTypeError(response!.Response.ClientDataJson, "webauthn.get") is { } typeError)
        {
            return Fail<PasskeyAuthentication>(typeError);
        }

        var options = AssertionOptions.FromJson(ceremony!.OptionsJson);

        // §7.2 step 5: the credential must be one the options allowed, when they listed any.
        var credential = await _credentials.FindByIdAsync(response.RawId, cancellationToken).ConfigureAwait(false);
        if (credential is null)
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.UnknownCredential, "No passkey with this id is registered.");
        }

        if (ceremony.UserId is not null && !string.Equals(credential.UserId, ceremony.UserId, StringComparison.Ordinal))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.CredentialNotOwned, "The passkey belongs to a different user than the one signing in.");
        }

        if (options.AllowCredentials.Count > 0 && !options.AllowCredentials.Any(c => c.Id.AsSpan().SequenceEqual(response.RawId)))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.UnknownCredential, "The passkey was not one the sign-in options allowed.");
        }

        var user = await _users.FindByIdAsync(credential.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.UnknownCredential, "The passkey's user no longer exists.");
        }

        // §7.2 step 6: a user handle, when given, must be the owner's; a discoverable sign-in must give one.
        var userHandle = response.Response.UserHandle;
        if (userHandle is { Length: > 0 }
            ? !CryptographicOperations.FixedTimeEquals(userHandle, user.UserHandle)
            : ceremony.UserId is null)
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.UserHandleMismatch, "The user handle does not belong to the passkey's owner.");
        }

        var verification = await VerifyAssertionAsync(response, options, credential, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded)
        {
            return Fail<PasskeyAuthentication>(verification.Error);
        }

        // §7.2 step 16: the BE flag is fixed for a credential's life.
        var verified = verification.Value;
        if (verified.IsBackupEligible != credential.IsBackupEligible
            || BackupPolicyError(verified.IsBackupEligible, verified.IsBackedUp) is not null)
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.BackupFlagsInvalid, "The passkey's backup flags changed or are not allowed.");
        }

        // §7.2 step 22: a counter that does not increase may mean a cloned authenticator.
        var stored = credential.SignCount;
        var regressed = (verified.SignCount != 0 || stored != 0) && verified.SignCount <= stored;
        if (regressed)
        {
            PasskeyLog.CounterRegressed(_logger, user.Id, stored, verified.SignCount);
            if (_options.SignCountRegression == SignCountRegressionPolicy.Reject)
            {
                return Fail<PasskeyAuthentication>(PasskeyErrorCodes.CounterRegressed, "The signature counter did not increase.");
            }
        }

        credential.SignCount = verified.SignCount;
        credential.IsBackedUp = verified.IsBackedUp;
        credential.IsUserVerified = verified.UserVerified;
        credential.LastUsedAt = _time.GetUtcNow();
        if (!await _credentials.UpdateUsageAsync(credential, stored, cancellationToken).ConfigureAwait(false))
        {
            return Fail<PasskeyAuthentication>(PasskeyErrorCodes.CounterRegressed, "The passkey was used or removed at the same moment.");
        }

        return PasskeyResult<PasskeyAuthentication>.Success(new PasskeyAuthentication(user, credential, regressed));
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

    private async Task<PasskeyResult<VerifiedAttestation>> VerifyAttestationAsync(CredentialCreateOptions options, string responseJson, CancellationToken cancellationToken)
    {
        if (!ResponseParser.TryParseAttestation(responseJson, _options.MaxResponseLength, out var response, out var problem))
        {
            return Fail<VerifiedAttestation>(PasskeyErrorCodes.MalformedResponse, problem!);
        }

        if (ClientDataTypeError(response!.Response.ClientDataJson, "webauthn.create") is { } typeError)
        {
            return Fail<VerifiedAttestation>(typeError);
        }

        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await _fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = async (p, ct) => await _credentials.FindByIdAsync(p.CredentialId, ct).ConfigureAwait(false) is null,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Fido2VerificationException e)
        {
            return Fail<VerifiedAttestation>(Fido2ErrorMapper.ToCode(e.Code), "The new passkey did not verify.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PasskeyLog.ResponseUnreadable(_logger, e.GetType().Name);
            return Fail<VerifiedAttestation>(PasskeyErrorCodes.MalformedResponse, "The new passkey's response could not be read.");
        }

        if (BackupPolicyError(credential.IsBackupEligible, credential.IsBackedUp) is { } backupError)
        {
            return Fail<VerifiedAttestation>(PasskeyErrorCodes.BackupFlagsInvalid, backupError);
        }

        var userVerified = AttestationObjectReader.IsUserVerified(credential.AttestationObject);
        return PasskeyResult<VerifiedAttestation>.Success(new VerifiedAttestation(credential, userVerified));
    }

    private CredentialCreateOptions RequestCreation(Fido2User user, IReadOnlyList<PublicKeyCredentialDescriptor> exclude)
        => _fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = user,
            ExcludeCredentials = exclude,
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = _options.ResidentKey,
                UserVerification = _options.UserVerification,
            },
            AttestationPreference = _options.Attestation,
            PubKeyCredParams = _algorithms,
            Extensions = new AuthenticationExtensionsClientInputs { CredProps = true },
        });

    private async Task<PasskeyCeremonyStart> StartAsync(PasskeyCeremonyKind kind, string optionsJson, string? userId, string? email, CancellationToken cancellationToken)
    {
        var expiresAt = _time.GetUtcNow() + _options.CeremonyTimeout;
        var ceremony = new PasskeyCeremony(NewId(), kind, optionsJson, expiresAt) { UserId = userId, Email = email };
        await _ceremonies.SaveAsync(ceremony, cancellationToken).ConfigureAwait(false);
        _metrics.Started(kind);
        PasskeyLog.CeremonyStarted(_logger, kind, expiresAt);
        return new PasskeyCeremonyStart(ceremony.Id, optionsJson, expiresAt);
    }

    private async Task<(PasskeyCeremony? Ceremony, PasskeyError? Error)> TakeAsync(string ceremonyId, PasskeyCeremonyKind kind, CancellationToken cancellationToken)
    {
        var ceremony = string.IsNullOrEmpty(ceremonyId) || ceremonyId.Length > 64
            ? null
            : await _ceremonies.TakeAsync(ceremonyId, cancellationToken).ConfigureAwait(false);
        if (ceremony is null)
        {
            return (null, new PasskeyError(PasskeyErrorCodes.ChallengeNotFound, "The ceremony is unknown, already completed or expired. Start again."));
        }

        return ceremony.Kind == kind
            ? (ceremony, null)
            : (null, new PasskeyError(PasskeyErrorCodes.CeremonyMismatch, "The response is for a different kind of ceremony."));
    }

    private string? BackupPolicyError(bool backupEligible, bool backedUp)
    {
        if (backedUp && !backupEligible)
        {
            return "The authenticator reported a backup without backup eligibility.";
        }

        return Violates(_options.BackupEligibility, backupEligible) ? "The passkey's backup eligibility is not allowed by policy."
            : Violates(_options.BackupState, backedUp) ? "The passkey's backup state is not allowed by policy."
            : null;

        static bool Violates(BackupFlagPolicy policy, bool flag)
            => (policy == BackupFlagPolicy.Required && !flag) || (policy == BackupFlagPolicy.Disallowed && flag);
    }

    private static PasskeyError? ClientDataTypeError(byte[] clientDataJson, string expected)
    {
        try
        {
            var reader = new Utf8JsonReader(clientDataJson);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String)
            {
                return type.ValueEquals(expected)
                    ? null
                    : new PasskeyError(PasskeyErrorCodes.ClientDataTypeMismatch, $"The client data type is not '{expected}'.");
            }
        }
        catch (JsonException)
        {
            // Reported below.
        }

        return new PasskeyError(PasskeyErrorCodes.MalformedResponse, "The client data is not a JSON object with a type.");
    }

    private static PasskeyCredential ToCredential(VerifiedAttestation verified, string userId, DateTimeOffset now)
    {
        var registered = verified.Credential;
        return new(registered.Id, userId, registered.PublicKey, registered.SignCount, registered.AaGuid,
            registered.AttestationFormat ?? "none", registered.IsBackupEligible, now)
        {
            Transports = TransportNames.Format(registered.Transports),
            IsBackedUp = registered.IsBackedUp,
            IsUserVerified = verified.UserVerified,
        };
    }

    private static PublicKeyCredentialDescriptor Describe(PasskeyCredential credential)
        => new(PublicKeyCredentialType.PublicKey, credential.CredentialId, TransportNames.Parse(credential.Transports));

    private static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private void Record(PasskeyCeremonyKind kind, PasskeyError? error, long started)
    {
        _metrics.Completed(kind, error?.Code, _time.GetElapsedTime(started));
        if (error is not null)
        {
            PasskeyLog.CeremonyFailed(_logger, kind, error.Code);
        }
    }

    private static PasskeyResult<T> Fail<T>(string code, string message) where T : class => PasskeyResult<T>.Failure(code, message);

    private static PasskeyResult<T> Fail<T>(PasskeyError error) where T : class => PasskeyResult<T>.Failure(error);

    private sealed record VerifiedAttestation(RegisteredPublicKeyCredential Credential, bool UserVerified);

    private sealed record VerifiedAssertion(uint SignCount, bool IsBackupEligible, bool IsBackedUp, bool UserVerified);
}
