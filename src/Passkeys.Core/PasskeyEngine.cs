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
public sealed partial class PasskeyEngine
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
    private readonly PasskeyClientContext _client;
    private readonly IPasskeyProviderCatalog _providers;

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
        PublicKeyCache keys,
        PasskeyClientContext client,
        IPasskeyProviderCatalog providers)
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
        _client = client;
        _providers = providers;
        _algorithms = (_options.Algorithms.Count > 0 ? _options.Algorithms : [COSE.Algorithm.ES256, COSE.Algorithm.EdDSA, COSE.Algorithm.RS256])
            .Select(a => new PubKeyCredParam(a))
            .ToArray();
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

    // The hints of this scope's ceremony (PasskeyClientContext.Hints), else the configured ones (checked at start-up).
    private PublicKeyCredentialHint[] Hints()
        => PasskeyHints.TryParse(_client.Hints ?? (IEnumerable<string>)_options.Hints, out var hints) is { } problem
            ? throw new InvalidOperationException($"PasskeyClientContext.Hints: {problem}")
            : hints;

    private async Task<PasskeyResult<PasskeyCeremonyStart>> StartAsync(PasskeyCeremonyKind kind, string optionsJson, string? userId, string? email, CancellationToken cancellationToken)
    {
        var expiresAt = _time.GetUtcNow() + _options.CeremonyTimeout;
        var ceremony = new PasskeyCeremony(NewId(), kind, optionsJson, expiresAt) { UserId = userId, Email = email, ClientPartition = _client.Partition, Origin = _client.Origin };
        try
        {
            await _ceremonies.SaveAsync(ceremony, cancellationToken).ConfigureAwait(false);
        }
        catch (PasskeyCeremonyStoreFullException)
        {
            _metrics.StoreFull(kind);
            PasskeyLog.CeremonyStoreFull(_logger, kind);
            return Fail<PasskeyCeremonyStart>(PasskeyErrorCodes.TooManyCeremonies, "Too many sign-ins and sign-ups are in progress. Try again in a minute.");
        }

        _metrics.Started(kind);
        PasskeyLog.CeremonyStarted(_logger, kind, expiresAt);
        return PasskeyResult<PasskeyCeremonyStart>.Success(new PasskeyCeremonyStart(ceremony.Id, optionsJson, expiresAt));
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

    // §7.1 and §7.2: UTF-8 decode the client data, parse it, check C.type. Read strictly, so no reader after this one
    // (the fast path, Fido2) meets a member twice or a string it cannot decode, and all of them read the same values.
    // Then the origin binding: a ceremony started from one origin completes only with a response from that origin
    // (the verifiers check afterwards that it is a configured origin at all, §7.1 step 9, §7.2 step 13).
    private PasskeyError? ClientDataError(byte[] clientDataJson, string expected, string? ceremonyOrigin)
    {
        if (StrictJson.Check(clientDataJson, _options.MaxResponseLength) is { } problem)
        {
            return new PasskeyError(PasskeyErrorCodes.MalformedResponse, "The client data is not strict JSON: " + problem);
        }

        using var document = JsonDocument.Parse(clientDataJson, StrictJson.DocumentOptions);
        if (!document.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return new PasskeyError(PasskeyErrorCodes.MalformedResponse, "The client data has no string type.");
        }

        if (!type.ValueEquals(expected))
        {
            return new PasskeyError(PasskeyErrorCodes.ClientDataTypeMismatch, $"The client data type is not '{expected}'.");
        }

        if (document.RootElement.TryGetProperty("origin", out var origin) && origin.ValueKind == JsonValueKind.String
            && !CeremonyOrigins.IsSerialized(origin.GetString()!))
        {
            return new PasskeyError(PasskeyErrorCodes.OriginMismatch, "The client data origin is not an origin as browsers write it (scheme, host and port only).");
        }

        return ceremonyOrigin is null || CeremonyOrigins.Match(ceremonyOrigin, document.RootElement)
            ? null
            : new PasskeyError(PasskeyErrorCodes.OriginMismatch, "The response comes from another origin than the one the ceremony was started from. Start again on this page.");
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
}
