using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// Verifies an authentication assertion (WebAuthn §7.2) the way Fido2's <c>MakeAssertionAsync</c> does, step for
/// step and in the same order, so the first failure and its <see cref="Fido2ErrorCode"/> are the same; but with
/// the credential's public key imported once (<see cref="PublicKeyCache"/>) and the response read in place.
/// </summary>
/// <remarks>
/// The engine calls it as it calls Fido2: the user-handle owner check is the engine's own (so it always passes
/// here) and the counter rule is applied by the engine (it passes a stored counter of zero). Whatever it does not
/// handle comes back <see cref="AssertionOutcome.Delegated"/> for Fido2 to verify. Errors Fido2 reports as
/// exceptions other than <see cref="Fido2VerificationException"/> are thrown here too.
/// </remarks>
internal sealed class AssertionVerifier
{
    private const int StackBufferSize = 1024;

    private readonly Fido2Configuration _configuration;
    private readonly OriginMatcher _origins;
    private readonly PublicKeyCache _keys;

    public AssertionVerifier(Fido2Configuration configuration, PublicKeyCache keys)
    {
        _configuration = configuration;
        _origins = new OriginMatcher(configuration);
        _keys = keys;
    }

    public AssertionVerification Verify(
        AuthenticatorAssertionRawResponse? response,
        AssertionOptions options,
        ReadOnlySpan<byte> credentialId,
        byte[]? storedPublicKey,
        uint storedSignatureCounter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var raw = response?.Response;
        if (raw is null)
        {
            return AssertionVerification.Fail(Fido2ErrorCode.InvalidAssertionResponse);
        }

        // Fido2 reads the authenticator data before the client data.
        var authenticatorData = raw.AuthenticatorData;
        if (AuthenticatorDataReader.Read(authenticatorData, out var flags, out var signCount, out var extensionsLength) is { } unreadable)
        {
            return unreadable;
        }

        // §7.2 steps 9-10: client data is UTF-8 JSON.
        var clientDataJson = raw.ClientDataJson.AsSpan();
        if (clientDataJson.IsEmpty)
        {
            return AssertionVerification.Fail(Fido2ErrorCode.InvalidAuthenticatorResponse);
        }

        ClientDataFields clientData;
        try
        {
            if (!ClientDataReader.TryRead(clientDataJson, options.Challenge, _origins, out clientData))
            {
                return AssertionVerification.Fail(Fido2ErrorCode.InvalidAuthenticatorResponse);
            }
        }
        catch (JsonException)
        {
            return AssertionVerification.Fail(Fido2ErrorCode.MalformedAuthenticatorResponse);
        }

        if (VerifyClientData(clientData, options) is { } clientDataError)
        {
            return AssertionVerification.Fail(clientDataError);
        }

        if (VerifyCredential(response!, raw, options) is { } credentialError)
        {
            return AssertionVerification.Fail(credentialError);
        }

        // §7.2 step 11: the type must be webauthn.get.
        if (clientData.Type != ClientDataType.Get)
        {
            return AssertionVerification.Fail(Fido2ErrorCode.InvalidAssertionResponse);
        }

        if (VerifyAuthenticatorData(authenticatorData!, flags, extensionsLength, response!, options) is { } dataError)
        {
            return AssertionVerification.Fail(dataError);
        }

        if (storedPublicKey is not { Length: > 0 })
        {
            return AssertionVerification.Fail(Fido2ErrorCode.MissingStoredPublicKey);
        }

        // §7.2 step 21: the signature covers authenticatorData || SHA-256(clientDataJSON).
        var key = _keys.Get(credentialId, storedPublicKey);
        if (key is null)
        {
            return AssertionVerification.Delegated;
        }

        var check = VerifySignature(key, authenticatorData!, clientDataJson, raw.Signature);
        if (check != SignatureCheck.Valid)
        {
            return check == SignatureCheck.Invalid ? AssertionVerification.Fail(Fido2ErrorCode.InvalidSignature) : AssertionVerification.Delegated;
        }

        // §7.2 step 22: the counter must increase when either value is non-zero.
        if ((signCount != 0 || storedSignatureCounter != 0) && signCount <= storedSignatureCounter)
        {
            return AssertionVerification.Fail(Fido2ErrorCode.InvalidSignCount);
        }

        return AssertionVerification.Verified(signCount, flags);
    }

    private Fido2ErrorCode? VerifyClientData(in ClientDataFields clientData, AssertionOptions options)
    {
        if (clientData.Type == ClientDataType.Other)
        {
            return Fido2ErrorCode.InvalidAuthenticatorResponse;
        }

        // §7.2 step 12: the challenge is the one issued.
        if (!clientData.HasChallenge)
        {
            return Fido2ErrorCode.MissingAuthenticatorResponseChallenge;
        }

        if (options.Challenge is not { Length: > 0 } || !clientData.ChallengeMatches)
        {
            return Fido2ErrorCode.InvalidAuthenticatorResponseChallenge;
        }

        // §7.2 step 13: the origin is one the relying party expects.
        if (!clientData.OriginMatched)
        {
            if (string.IsNullOrEmpty(clientData.Origin))
            {
                return Fido2ErrorCode.MissingAuthenticatorResponseOrigin;
            }

            if (!OriginMatcher.TryNormalize(clientData.Origin, out var origin) || !_origins.Contains(origin))
            {
                return Fido2ErrorCode.InvalidAuthenticatorResponseOrigin;
            }
        }

        // Token binding (WebAuthn Level 2 §7.2 step 14): never negotiated here, so "present" cannot match.
        if (clientData.HasTokenBinding && clientData.TokenBindingStatus is not ("supported" or "not-supported"))
        {
            return Fido2ErrorCode.InvalidAuthenticatorResponse;
        }

        // §7.2 steps 14-15: an embedded (cross-origin) ceremony only when allowed; a top origin must be expected.
        if (clientData.CrossOrigin && !_configuration.AllowCrossOriginRequests)
        {
            return Fido2ErrorCode.CrossOriginRequestNotAllowed;
        }

        if (clientData.TopOrigin is { } topOrigin
            && (!OriginMatcher.TryNormalize(topOrigin, out var normalTop) || !_origins.Contains(normalTop)))
        {
            return Fido2ErrorCode.InvalidAuthenticatorResponseTopOrigin;
        }

        return null;
    }

    private static Fido2ErrorCode? VerifyCredential(AuthenticatorAssertionRawResponse response, AuthenticatorAssertionRawResponse.AssertionResponse raw, AssertionOptions options)
    {
        if (response.Type != PublicKeyCredentialType.PublicKey || response.Id is null || response.RawId is null || !IdMatchesRawId(response.Id, response.RawId))
        {
            return Fido2ErrorCode.InvalidAssertionResponse;
        }

        // §7.2 step 5: the credential is one the options allowed, when they listed any.
        if (options.AllowCredentials is { Count: > 0 } allowed && !allowed.Any(c => c.Id.AsSpan().SequenceEqual(response.RawId)))
        {
            return Fido2ErrorCode.InvalidAssertionResponse;
        }

        // §7.2 step 6: a user handle, when given, is not empty (the engine checks its owner).
        return raw.UserHandle is { Length: 0 } ? Fido2ErrorCode.Unknown : null;
    }

    private static bool IdMatchesRawId(string id, byte[] rawId)
    {
        var maxLength = Base64Url.GetMaxDecodedLength(id.Length);
        byte[]? rented = null;
        var buffer = maxLength <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            return Base64Url.DecodeFromChars(id, buffer, out _, out var written) == OperationStatus.Done
                && buffer[..written].SequenceEqual(rawId);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private Fido2ErrorCode? VerifyAuthenticatorData(byte[] authenticatorData, AuthenticatorFlags flags, int extensionsLength, AuthenticatorAssertionRawResponse response, AssertionOptions options)
    {
        // §7.2 step 15: rpIdHash is the hash of the RP ID (or of the AppID when the appid extension was used).
        var rpId = response.ClientExtensionResults?.AppID == true ? options.Extensions?.AppID : options.RpId;
        if (!RpIdHashMatches(authenticatorData.AsSpan(0, AuthenticatorDataReader.RpIdHashLength), rpId ?? string.Empty))
        {
            return Fido2ErrorCode.InvalidRpidHash;
        }

        // §7.2 steps 16-17: user present; user verified when required.
        if ((flags & AuthenticatorFlags.UP) == 0)
        {
            return Fido2ErrorCode.UserPresentFlagNotSet;
        }

        if (options.UserVerification == UserVerificationRequirement.Required && (flags & AuthenticatorFlags.UV) == 0)
        {
            return Fido2ErrorCode.UserVerificationRequirementNotMet;
        }

        // §7.2 step 18: BS without BE is invalid; then the configured backup policies.
        var backupEligible = (flags & AuthenticatorFlags.BE) != 0;
        var backedUp = (flags & AuthenticatorFlags.BS) != 0;
        if (!backupEligible && backedUp)
        {
            return Fido2ErrorCode.InvalidBackupFlags;
        }

        if (Violates(_configuration.BackupEligibleCredentialPolicy, backupEligible))
        {
            return Fido2ErrorCode.BackupEligibilityRequirementNotMet;
        }

        if (Violates(_configuration.BackedUpCredentialPolicy, backedUp))
        {
            return Fido2ErrorCode.BackupStateRequirementNotMet;
        }

        // §7.2 step 20: extensions, when flagged, are present (the reader already refused malformed ones).
        return (flags & AuthenticatorFlags.ED) != 0 && extensionsLength == 0 ? Fido2ErrorCode.MalformedExtensionsDetected : null;

        static bool Violates(Fido2Configuration.CredentialBackupPolicy policy, bool flag)
            => (policy == Fido2Configuration.CredentialBackupPolicy.Disallowed && flag) || (policy == Fido2Configuration.CredentialBackupPolicy.Required && !flag);
    }

    private static bool RpIdHashMatches(ReadOnlySpan<byte> rpIdHash, string rpId)
    {
        var maxLength = Encoding.UTF8.GetMaxByteCount(rpId.Length);
        byte[]? rented = null;
        var buffer = maxLength <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..Encoding.UTF8.GetBytes(rpId, buffer)], expected);
            return CryptographicOperations.FixedTimeEquals(rpIdHash, expected);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static SignatureCheck VerifySignature(CoseVerificationKey key, byte[] authenticatorData, ReadOnlySpan<byte> clientDataJson, byte[]? signature)
    {
        var length = authenticatorData.Length + SHA256.HashSizeInBytes;
        byte[]? rented = null;
        var signed = length <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            authenticatorData.CopyTo(signed);
            SHA256.HashData(clientDataJson, signed.Slice(authenticatorData.Length, SHA256.HashSizeInBytes));
            return key.Verify(signed[..length], signature);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
