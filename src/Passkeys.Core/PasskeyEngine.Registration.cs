using System.Security.Cryptography;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Passkeys.Engine;
using Passkeys.Providers;
using Passkeys.Stores;

namespace Passkeys;

/// <content>
/// Registration of a new account and adding a passkey to an existing one.
/// </content>
public sealed partial class PasskeyEngine
{
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

        if (!_options.AllowEmailShapedUserNames && input.UserName.Contains('@', StringComparison.Ordinal))
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(PasskeyErrorCodes.InvalidUserName,
                "A user name cannot contain @: give your email address in its own field.");
        }

        if (await IsTakenAsync(input.UserName, cancellationToken).ConfigureAwait(false))
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(PasskeyErrorCodes.UserExists, "The user name is already taken.");
        }

        var user = new Fido2User
        {
            Id = RandomNumberGenerator.GetBytes(PasskeysDefaults.MinUserHandleLength),
            Name = input.UserName,
            DisplayName = input.DisplayName!,
        };
        var options = RequestCreation(user, []);
        return await StartAsync(PasskeyCeremonyKind.Registration, options.ToJson(), userId: null, input.Email, cancellationToken).ConfigureAwait(false);
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
    /// <returns>
    /// The ceremony start, or <see cref="PasskeyErrorCodes.UserNotFound"/>, <see cref="PasskeyErrorCodes.TooManyPasskeys"/>
    /// (or <see cref="PasskeyErrorCodes.TooManyCeremonies"/>).
    /// </returns>
    public Task<PasskeyResult<PasskeyCeremonyStart>> BeginAddCredentialAsync(string userId, CancellationToken cancellationToken = default)
        => BeginAddCredentialCoreAsync(userId, PasskeyCeremonyKind.AddCredential, cancellationToken);

    private async Task<PasskeyResult<PasskeyCeremonyStart>> BeginAddCredentialCoreAsync(string userId, PasskeyCeremonyKind kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var user = await _users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(PasskeyErrorCodes.UserNotFound, "The user does not exist.");
        }

        var existing = await _credentials.ListByUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (existing.Count >= _options.MaxPasskeysPerUser)
        {
            return PasskeyResult<PasskeyCeremonyStart>.Failure(TooManyPasskeys());
        }

        var options = RequestCreation(
            new Fido2User { Id = user.UserHandle, Name = user.UserName, DisplayName = user.DisplayName },
            existing.Select(Describe).ToArray(),
            conditional: kind == PasskeyCeremonyKind.ConditionalAddCredential);
        return await StartAsync(kind, options.ToJson(), userId, email: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes adding a passkey: verifies it and stores it for the user the ceremony was started for.
    /// </summary>
    /// <param name="ceremonyId">The id from <see cref="BeginAddCredentialAsync"/>.</param>
    /// <param name="userId">The id of the signed-in user; it must be the user the ceremony was started for.</param>
    /// <param name="responseJson">The browser's <c>credential.toJSON()</c>.</param>
    /// <param name="cancellationToken">The token to cancel the operation.</param>
    /// <returns>The user and the new passkey, or an error.</returns>
    public Task<PasskeyResult<PasskeyRegistration>> CompleteAddCredentialAsync(string ceremonyId, string userId, string responseJson, CancellationToken cancellationToken = default)
        => CompleteAddCredentialRecordedAsync(ceremonyId, userId, responseJson, PasskeyCeremonyKind.AddCredential, cancellationToken);

    private async Task<PasskeyResult<PasskeyRegistration>> CompleteAddCredentialRecordedAsync(
        string ceremonyId, string userId, string responseJson, PasskeyCeremonyKind kind, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var result = await CompleteAddCredentialCoreAsync(ceremonyId, userId, responseJson, kind, cancellationToken).ConfigureAwait(false);
        Record(kind, result.Error, started);
        if (result.Succeeded)
        {
            PasskeyLog.CredentialAdded(_logger, result.Value.User.Id);
        }

        return result;
    }

    // User names and emails are one namespace: a value is taken when it is a user's name or, if it can be an email
    // at all, a user's email. The store refuses the same again when the user is created, atomically.
    private async Task<bool> IsTakenAsync(string nameOrEmail, CancellationToken cancellationToken)
        => await _users.FindByNameAsync(nameOrEmail, cancellationToken).ConfigureAwait(false) is not null
            || (nameOrEmail.Contains('@', StringComparison.Ordinal)
                && await _users.FindByEmailAsync(nameOrEmail, cancellationToken).ConfigureAwait(false) is not null);

    private async Task<PasskeyResult<PasskeyRegistration>> CompleteRegistrationCoreAsync(string ceremonyId, string responseJson, CancellationToken cancellationToken)
    {
        var (ceremony, error) = await TakeAsync(ceremonyId, PasskeyCeremonyKind.Registration, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(error);
        }

        var options = CredentialCreateOptions.FromJson(ceremony!.OptionsJson);
        var verified = await VerifyAttestationAsync(options, ceremony.Origin, responseJson, conditional: false, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(verified.Error);
        }

        var now = _time.GetUtcNow();
        var user = new PasskeyUser(NewId(), options.User.Id, options.User.Name, now)
        {
            DisplayName = options.User.DisplayName,
            // Unverified until its owner follows the link sent to it: it reserves nothing and receives nothing else.
            PendingEmail = ceremony.Email,
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

    private async Task<PasskeyResult<PasskeyRegistration>> CompleteAddCredentialCoreAsync(
        string ceremonyId, string userId, string responseJson, PasskeyCeremonyKind kind, CancellationToken cancellationToken)
    {
        var (ceremony, error) = await TakeAsync(ceremonyId, kind, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(error);
        }

        if (!string.Equals(ceremony!.UserId, userId, StringComparison.Ordinal))
        {
            return PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.CeremonyMismatch, "The ceremony was started for a different user.");
        }

        var options = CredentialCreateOptions.FromJson(ceremony.OptionsJson);
        var verified = await VerifyAttestationAsync(options, ceremony.Origin, responseJson, kind == PasskeyCeremonyKind.ConditionalAddCredential, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(verified.Error);
        }

        var user = await _users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.UserNotFound, "The user no longer exists.");
        }

        // Again here: other ceremonies may have added passkeys since this one started.
        if ((await _credentials.ListByUserAsync(userId, cancellationToken).ConfigureAwait(false)).Count >= _options.MaxPasskeysPerUser)
        {
            return PasskeyResult<PasskeyRegistration>.Failure(TooManyPasskeys());
        }

        var credential = ToCredential(verified.Value, user.Id, _time.GetUtcNow());
        return await _credentials.AddAsync(credential, cancellationToken).ConfigureAwait(false) switch
        {
            PasskeyStoreResult.Success => PasskeyResult<PasskeyRegistration>.Success(new PasskeyRegistration(user, credential)),
            PasskeyStoreResult.NotFound => PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.UserNotFound, "The user no longer exists."),
            _ => PasskeyResult<PasskeyRegistration>.Failure(PasskeyErrorCodes.DuplicateCredential, "This passkey is already registered."),
        };
    }

    private PasskeyError TooManyPasskeys()
        => new(PasskeyErrorCodes.TooManyPasskeys, $"An account can have at most {_options.MaxPasskeysPerUser} passkeys; delete one to add another.");

    private async Task<PasskeyResult<VerifiedAttestation>> VerifyAttestationAsync(
        CredentialCreateOptions options, string? ceremonyOrigin, string responseJson, bool conditional, CancellationToken cancellationToken)
    {
        if (!ResponseParser.TryParseAttestation(responseJson, _options.MaxResponseLength, out var response, out var problem))
        {
            return Fail<VerifiedAttestation>(PasskeyErrorCodes.MalformedResponse, problem!);
        }

        if (ClientDataError(response!.Response.ClientDataJson, "webauthn.create", ceremonyOrigin) is { } typeError)
        {
            return Fail<VerifiedAttestation>(typeError);
        }

        // §7.1 step 14 asks for user presence unless the create was conditional. Fido2 always asks, so a conditional
        // response without it is verified as a copy with the UP flag set: only for a "none" attestation, whose
        // authenticator data nothing signs, so the flag is the one thing the copy changes. Fido2 checks the rest.
        if (conditional && AttestationObjectReader.WithUserPresence(response.Response.AttestationObject) is { } present)
        {
            response = new AuthenticatorAttestationRawResponse
            {
                Id = response.Id,
                RawId = response.RawId,
                Type = response.Type,
                ClientExtensionResults = response.ClientExtensionResults,
                Response = new AuthenticatorAttestationRawResponse.AttestationResponse
                {
                    AttestationObject = present,
                    ClientDataJson = response.Response.ClientDataJson,
                    Transports = response.Response.Transports,
                },
            };
        }

        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await _fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = options,
                // The store decides: CreateAsync and AddAsync refuse a stored credential id (DuplicateCredential, the
                // same code), atomically, which a lookup here could not; so a registration reads nothing for it.
                IsCredentialIdUniqueToUserCallback = static (_, _) => Task.FromResult(true),
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

    // A conditional create happens without the person acting (no presence, no verification): its options ask for
    // verification only as preferred and for no attestation, whatever the site's settings; its sign-ins still ask
    // for what the settings say. It carries no hints either (a hint would also set the authenticator attachment).
    private CredentialCreateOptions RequestCreation(Fido2User user, IReadOnlyList<PublicKeyCredentialDescriptor> exclude, bool conditional = false)
    {
        var options = _fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = user,
            ExcludeCredentials = exclude,
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = _options.ResidentKey,
                UserVerification = conditional ? UserVerificationRequirement.Preferred : _options.UserVerification,
            },
            AttestationPreference = conditional ? AttestationConveyancePreference.None : _options.Attestation,
            PubKeyCredParams = _algorithms,
            Extensions = new AuthenticationExtensionsClientInputs { CredProps = true },
        });
        if (!conditional)
        {
            options.Hints = Hints();
        }

        return options;
    }

    // A new passkey is named after its provider ("Google Password Manager") when the catalogue knows it; an unknown
    // or all-zero AAGUID leaves it unnamed, and account pages show "Passkey" (or a name the catalogue learns later).
    private PasskeyCredential ToCredential(VerifiedAttestation verified, string userId, DateTimeOffset now)
    {
        var registered = verified.Credential;
        return new(registered.Id, userId, registered.PublicKey, registered.SignCount, registered.AaGuid,
            registered.AttestationFormat ?? "none", registered.IsBackupEligible, now)
        {
            Transports = TransportNames.Format(registered.Transports),
            IsBackedUp = registered.IsBackedUp,
            IsUserVerified = verified.UserVerified,
            Name = ProviderName(registered.AaGuid),
        };
    }

    // A catalogue of the app's own may name a provider in ways a passkey name may not be (stores size the column).
    private string? ProviderName(Guid aaguid)
        => _providers.Find(aaguid)?.Name is { } name && ProviderEntryRules.NameProblem(name) is null ? name : null;

    private sealed record VerifiedAttestation(RegisteredPublicKeyCredential Credential, bool UserVerified);
}
