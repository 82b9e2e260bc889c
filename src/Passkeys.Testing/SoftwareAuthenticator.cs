using System.Security.Cryptography;
using Passkeys.Testing.Authenticator;

namespace Passkeys.Testing;

/// <summary>
/// A WebAuthn authenticator and client (the part a browser plays) in software, for tests of relying party code.
/// It answers the options JSON a server issues with the JSON a browser's <c>credential.toJSON()</c> gives.
/// </summary>
/// <remarks>
/// <para>
/// Options are read as <c>PublicKeyCredentialCreationOptionsJSON</c> / <c>PublicKeyCredentialRequestOptionsJSON</c>
/// (WebAuthn §5.4, §5.5) with base64url bytes. Where a browser would reject the ceremony
/// (<c>NotSupportedError</c>, <c>NotAllowedError</c>, <c>InvalidStateError</c>) the authenticator throws
/// <see cref="InvalidOperationException"/>; malformed options throw <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// It does not check the relying party id against <see cref="Origin"/>, nor anonymise attestation when the
/// server asks for none, so a test can reach every check of the relying party. Use
/// <see cref="SoftwareTampering"/> to present one defect at a time.
/// </para>
/// <para>One instance can be used by parallel tests: its credential list is guarded by a lock.</para>
/// </remarks>
public sealed class SoftwareAuthenticator
{
    private readonly Lock _gate = new();
    private readonly List<SoftwareCredential> _credentials = [];

    /// <summary>
    /// Gets or sets the origin written into the client data.
    /// </summary>
    /// <remarks>Defaults to <see langword="null"/>, which means <c>https://{rpId}</c>.</remarks>
    public string? Origin { get; set; }

    /// <summary>
    /// Gets or sets the algorithm of the key pairs of new credentials.
    /// </summary>
    /// <remarks>
    /// Defaults to <see cref="SoftwareKeyAlgorithm.ES256"/>. When the creation options' <c>pubKeyCredParams</c>
    /// do not list it, <see cref="CreateCredential"/> throws, as a browser does.
    /// </remarks>
    public SoftwareKeyAlgorithm Algorithm { get; set; } = SoftwareKeyAlgorithm.ES256;

    /// <summary>
    /// Gets or sets the attestation statement of new credentials.
    /// </summary>
    /// <remarks>Defaults to <see cref="SoftwareAttestation.None"/>.</remarks>
    public SoftwareAttestation Attestation { get; set; } = SoftwareAttestation.None;

    /// <summary>
    /// Gets or sets a flag indicating whether the authenticator reports the user as present (the UP flag).
    /// </summary>
    /// <remarks>Defaults to <see langword="true"/>.</remarks>
    public bool UserPresent { get; set; } = true;

    /// <summary>
    /// Gets or sets a flag indicating whether the authenticator verifies the user (the UV flag).
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="true"/>. When the options' <c>userVerification</c> is <c>"discouraged"</c>
    /// the user is not verified and the UV flag is clear, as with platform authenticators. When it is
    /// <c>"required"</c> and this is <see langword="false"/>, the response still goes out with the UV flag
    /// clear, so a test can see the relying party refuse it.
    /// </remarks>
    public bool UserVerified { get; set; } = true;

    /// <summary>
    /// Gets or sets a flag indicating whether credentials are backup eligible (the BE flag).
    /// </summary>
    /// <remarks>Defaults to <see langword="false"/>.</remarks>
    public bool BackupEligible { get; set; }

    /// <summary>
    /// Gets or sets a flag indicating whether credentials are backed up (the BS flag).
    /// </summary>
    /// <remarks>Defaults to <see langword="false"/>. It is reported as set even without <see cref="BackupEligible"/>.</remarks>
    public bool BackedUp { get; set; }

    /// <summary>
    /// Gets or sets how the signature counter moves.
    /// </summary>
    /// <remarks>Defaults to <see cref="SoftwareCounter.Incrementing"/>.</remarks>
    public SoftwareCounter Counter { get; set; } = SoftwareCounter.Incrementing;

    /// <summary>
    /// Gets or sets a flag indicating whether new credentials are discoverable (resident keys).
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="true"/>. Only discoverable credentials answer options without
    /// <c>allowCredentials</c> and return a user handle. When it is <see langword="false"/> and the options
    /// require a resident key, <see cref="CreateCredential"/> throws.
    /// </remarks>
    public bool Discoverable { get; set; } = true;

    /// <summary>
    /// Gets or sets a flag indicating whether assertions of discoverable credentials carry the user handle.
    /// </summary>
    /// <remarks>Defaults to <see langword="true"/>. Assertions of non-discoverable credentials never carry one.</remarks>
    public bool ReturnUserHandle { get; set; } = true;

    /// <summary>
    /// Gets or sets the AAGUID written into the attested credential data of new credentials.
    /// </summary>
    /// <remarks>Defaults to all zeros.</remarks>
    public Guid Aaguid { get; set; }

    /// <summary>
    /// Gets or sets the transports reported for new credentials.
    /// </summary>
    /// <remarks>Defaults to <c>["internal", "hybrid"]</c>.</remarks>
    public IList<string> Transports { get; set; } = ["internal", "hybrid"];

    /// <summary>
    /// Gets a snapshot of the credentials the authenticator holds, oldest first.
    /// </summary>
    public IReadOnlyList<SoftwareCredential> Credentials
    {
        get
        {
            lock (_gate)
            {
                return [.. _credentials];
            }
        }
    }

    /// <summary>
    /// Creates a credential for creation options, as <c>navigator.credentials.create()</c> does, and keeps it.
    /// </summary>
    /// <param name="creationOptionsJson">The <c>PublicKeyCredentialCreationOptionsJSON</c> the server issued.</param>
    /// <param name="tampering">Changes to make to this response, if any.</param>
    /// <returns>The registration response JSON, as <c>PublicKeyCredential.toJSON()</c> gives it.</returns>
    /// <exception cref="ArgumentException">The options are malformed or miss <c>challenge</c> or <c>user.id</c>.</exception>
    /// <exception cref="InvalidOperationException">
    /// <see cref="Algorithm"/> is not in <c>pubKeyCredParams</c>, a credential in <c>excludeCredentials</c> is
    /// held, or a resident key is required and <see cref="Discoverable"/> is <see langword="false"/>.
    /// </exception>
    public string CreateCredential(string creationOptionsJson, SoftwareTampering? tampering = null)
    {
        var options = OptionsReader.Parse(creationOptionsJson, nameof(creationOptionsJson));
        var rpId = OptionsReader.GetString(options["rp"], "id") ?? RpIdFromOrigin();
        var user = options["user"];
        var userHandle = OptionsReader.GetRequiredBytes(user, "id", "user.id");
        var challenge = OptionsReader.GetRequiredBytes(options, "challenge", "challenge");
        var selection = options["authenticatorSelection"];
        var algorithm = Algorithm;
        var discoverable = Discoverable;

        // §5.1.3 step 10: no supported algorithm is a NotSupportedError.
        if (!OptionsReader.GetAlgorithms(options).Contains(SoftwareKey.CoseAlgorithmOf(algorithm)))
        {
            throw new InvalidOperationException($"The options' pubKeyCredParams do not list {algorithm} (NotSupportedError).");
        }

        if (!discoverable && (OptionsReader.GetString(selection, "residentKey") == "required" || OptionsReader.GetBoolean(selection, "requireResidentKey")))
        {
            throw new InvalidOperationException("The options require a resident key and Discoverable is false (NotAllowedError).");
        }

        // §6.3.2 step 3: a held credential in excludeCredentials ends the ceremony (InvalidStateError).
        var excluded = OptionsReader.GetCredentialIds(options, "excludeCredentials");
        lock (_gate)
        {
            if (_credentials.Exists(c => IsFor(c, rpId) && excluded.Exists(id => c.HasId(id))))
            {
                throw new InvalidOperationException("The authenticator holds a credential the options exclude (InvalidStateError).");
            }
        }

        var key = SoftwareKey.Create(algorithm);
        var credentialId = RandomNumberGenerator.GetBytes(16);
        var signCount = Counter == SoftwareCounter.GoingBackwards ? 1000u : 0u;
        var flags = Flags(OptionsReader.GetString(selection, "userVerification")) | AuthenticatorFlags.AttestedCredentialData;

        var authenticatorData = AuthenticatorDataWriter.Write(tampering?.RpId ?? rpId, flags, signCount, (Aaguid, credentialId, key.CosePublicKey));
        authenticatorData = tampering?.AuthenticatorData?.Invoke(authenticatorData) ?? authenticatorData;
        var clientDataJson = ClientDataWriter.Write("webauthn.create", challenge, Origin ?? $"https://{rpId}", tampering?.ClientData);
        var attestationObject = AttestationObjectWriter.Write(Attestation, key, authenticatorData, SHA256.HashData(clientDataJson));

        var credential = new SoftwareCredential(
            credentialId,
            userHandle,
            rpId,
            OptionsReader.GetString(user, "name"),
            OptionsReader.GetString(user, "displayName"),
            discoverable,
            key,
            signCount);
        lock (_gate)
        {
            _credentials.Add(credential);
        }

        var response = ResponseWriter.Registration(credentialId, clientDataJson, attestationObject, authenticatorData, [.. Transports], key, discoverable);
        tampering?.Response?.Invoke(response);
        return response.ToJsonString();
    }

    /// <summary>
    /// Signs an assertion for request options, as <c>navigator.credentials.get()</c> does.
    /// </summary>
    /// <param name="requestOptionsJson">The <c>PublicKeyCredentialRequestOptionsJSON</c> the server issued.</param>
    /// <param name="tampering">Changes to make to this response, if any.</param>
    /// <param name="credentialId">
    /// The credential to use, whatever the options allow; when <see langword="null"/>, the first held credential in
    /// <c>allowCredentials</c>, or with none listed the first discoverable credential for the relying party.
    /// </param>
    /// <returns>The authentication response JSON, as <c>PublicKeyCredential.toJSON()</c> gives it.</returns>
    /// <exception cref="ArgumentException">The options are malformed or miss <c>challenge</c>.</exception>
    /// <exception cref="InvalidOperationException">No held credential answers the options (NotAllowedError).</exception>
    public string GetAssertion(string requestOptionsJson, SoftwareTampering? tampering = null, byte[]? credentialId = null)
    {
        var options = OptionsReader.Parse(requestOptionsJson, nameof(requestOptionsJson));
        var rpId = OptionsReader.GetString(options, "rpId") ?? RpIdFromOrigin();
        var challenge = OptionsReader.GetRequiredBytes(options, "challenge", "challenge");
        var allowed = OptionsReader.GetCredentialIds(options, "allowCredentials");

        SoftwareCredential credential;
        uint signCount;
        lock (_gate)
        {
            credential = Select(rpId, allowed, credentialId);
            signCount = Counter switch
            {
                SoftwareCounter.AlwaysZero => 0,
                SoftwareCounter.GoingBackwards => credential.SignCount == 0 ? 0 : credential.SignCount - 1,
                _ => unchecked(credential.SignCount + 1),
            };
            credential.SignCount = signCount;
        }

        var authenticatorData = AuthenticatorDataWriter.Write(tampering?.RpId ?? rpId, Flags(OptionsReader.GetString(options, "userVerification")), signCount);
        authenticatorData = tampering?.AuthenticatorData?.Invoke(authenticatorData) ?? authenticatorData;
        var clientDataJson = ClientDataWriter.Write("webauthn.get", challenge, Origin ?? $"https://{rpId}", tampering?.ClientData);

        // §6.3.3 step 11: the assertion signature covers authenticatorData || SHA-256(clientDataJSON).
        var signature = credential.Key.Sign([.. authenticatorData, .. SHA256.HashData(clientDataJson)]);
        var userHandle = ReturnUserHandle && credential.IsDiscoverable ? credential.RawUserHandle : null;

        var response = ResponseWriter.Authentication(credential.RawId, clientDataJson, authenticatorData, signature, userHandle);
        tampering?.Response?.Invoke(response);
        return response.ToJsonString();
    }

    /// <summary>
    /// Removes a credential from the authenticator, if it holds it.
    /// </summary>
    /// <param name="credentialId">The id of the credential to remove.</param>
    public void Remove(byte[] credentialId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        lock (_gate)
        {
            _credentials.RemoveAll(c => c.HasId(credentialId));
        }
    }

    private static bool IsFor(SoftwareCredential credential, string rpId)
        => string.Equals(credential.RpId, rpId, StringComparison.OrdinalIgnoreCase);

    // Called under _gate.
    private SoftwareCredential Select(string rpId, List<byte[]> allowed, byte[]? credentialId)
    {
        if (credentialId is not null)
        {
            return _credentials.Find(c => c.HasId(credentialId))
                ?? throw new InvalidOperationException("The authenticator holds no credential with that id (NotAllowedError).");
        }

        if (allowed.Count > 0)
        {
            return allowed.Select(id => _credentials.Find(c => IsFor(c, rpId) && c.HasId(id))).FirstOrDefault(c => c is not null)
                ?? throw new InvalidOperationException("The authenticator holds none of the options' allowCredentials (NotAllowedError).");
        }

        return _credentials.Find(c => c.IsDiscoverable && IsFor(c, rpId))
            ?? throw new InvalidOperationException($"The authenticator holds no discoverable credential for '{rpId}' (NotAllowedError).");
    }

    private AuthenticatorFlags Flags(string? userVerification)
    {
        var flags = AuthenticatorFlags.None;
        flags |= UserPresent ? AuthenticatorFlags.UserPresent : AuthenticatorFlags.None;
        flags |= UserVerified && userVerification != "discouraged" ? AuthenticatorFlags.UserVerified : AuthenticatorFlags.None;
        flags |= BackupEligible ? AuthenticatorFlags.BackupEligible : AuthenticatorFlags.None;
        flags |= BackedUp ? AuthenticatorFlags.BackedUp : AuthenticatorFlags.None;
        return flags;
    }

    private string RpIdFromOrigin()
        => Origin is { } origin && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            ? uri.Host
            : throw new ArgumentException("The options name no relying party id and Origin is not set.");
}
