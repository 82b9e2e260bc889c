using Fido2NetLib.Objects;

namespace Passkeys;

/// <summary>
/// Configures passkey ceremonies. Bound from the <c>Passkeys</c> configuration section in the sample.
/// </summary>
public sealed class PasskeyOptions
{
    /// <summary>
    /// Gets or sets the relying party id: the registrable domain passkeys are scoped to, such as
    /// <c>example.com</c> or <c>localhost</c>.
    /// </summary>
    /// <remarks>
    /// Required; no default, because taking it from the request's Host header lets an attacker choose it.
    /// See <see href="https://www.w3.org/TR/webauthn-3/#rp-id">WebAuthn §5.1.2 RP ID</see>.
    /// </remarks>
    public string RelyingPartyId { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the name of the relying party shown by authenticators.
    /// </summary>
    /// <remarks>Defaults to <see cref="RelyingPartyId"/> when empty.</remarks>
    public string RelyingPartyName { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the origins responses may come from, such as <c>https://example.com</c>, and the Android apps
    /// that may use the relying party id, as <c>android:apk-key-hash:</c> and the base64url SHA-256 of their
    /// signing certificate.
    /// </summary>
    /// <remarks>
    /// Required. Each web origin must be https (http only for localhost) and its host must be the relying party id
    /// or a subdomain of it; origins outside it belong in <see cref="RelatedOrigins"/>. An Android origin is
    /// <c>android:apk-key-hash:</c> followed by 43 base64url characters (no padding).
    /// See <see href="https://www.w3.org/TR/webauthn-3/#sctn-validating-origin">WebAuthn §13.4.9</see>.
    /// </remarks>
    public IList<string> Origins { get; set; } = [];

    /// <summary>
    /// Gets or sets other origins, outside the relying party id, whose pages may use it (WebAuthn related origin
    /// requests), such as <c>https://example.co.uk</c> for the relying party id <c>example.com</c>.
    /// </summary>
    /// <remarks>
    /// Empty by default. Responses from these origins are accepted like those from <see cref="Origins"/>, and the
    /// HTTP endpoints serve them at <c>/.well-known/webauthn</c>, where browsers look before they let such a page
    /// use the relying party id. Each must be an https origin (http only for localhost), without path, and appear
    /// once; browsers honour at most 5 registrable domains (the labels of WebAuthn L3 §5.11.1), so more are refused.
    /// See <see href="https://www.w3.org/TR/webauthn-3/#sctn-related-origins">WebAuthn §5.11 related origin requests</see>.
    /// </remarks>
    public IList<string> RelatedOrigins { get; set; } = [];

    /// <summary>
    /// Gets or sets how long a ceremony stays valid after its options are issued.
    /// </summary>
    /// <remarks>Defaults to 5 minutes; 30 seconds to 10 minutes are accepted.</remarks>
    public TimeSpan CeremonyTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the hints every ceremony's options carry unless the ceremony names its own
    /// (<see cref="PasskeyClientContext.Hints"/>): <c>security-key</c>, <c>client-device</c> and <c>hybrid</c>, most
    /// preferred first.
    /// </summary>
    /// <remarks>
    /// Defaults to none, which lets the browser offer every kind of authenticator. In creation options a hint also
    /// sets <c>authenticatorAttachment</c> for browsers that predate hints (<c>client-device</c> platform, the others
    /// cross-platform). See <see href="https://www.w3.org/TR/webauthn-3/#enum-hints">WebAuthn §5.8.7</see>.
    /// </remarks>
    public IList<string> Hints { get; set; } = [];

    /// <summary>
    /// Gets or sets whether the authenticator must verify the user (PIN, biometrics).
    /// </summary>
    /// <remarks>
    /// Defaults to <see cref="UserVerificationRequirement.Required"/>: a passkey then is a complete, two-factor
    /// credential. <see cref="UserVerificationRequirement.Preferred"/> accepts authenticators without it.
    /// See <see href="https://www.w3.org/TR/webauthn-3/#enumdef-userverificationrequirement">WebAuthn §5.8.6</see>.
    /// </remarks>
    public UserVerificationRequirement UserVerification { get; set; } = UserVerificationRequirement.Required;

    /// <summary>
    /// Gets or sets whether new credentials must be discoverable (resident).
    /// </summary>
    /// <remarks>
    /// Defaults to <see cref="ResidentKeyRequirement.Required"/>, which usernameless and autofill sign-in need.
    /// See <see href="https://www.w3.org/TR/webauthn-3/#enumdef-residentkeyrequirement">WebAuthn §5.4.6</see>.
    /// </remarks>
    public ResidentKeyRequirement ResidentKey { get; set; } = ResidentKeyRequirement.Required;

    /// <summary>
    /// Gets or sets the attestation conveyance preference.
    /// </summary>
    /// <remarks>
    /// Defaults to <see cref="AttestationConveyancePreference.None"/>, which asks nothing that identifies the device.
    /// See <see href="https://www.w3.org/TR/webauthn-3/#enum-attestation-convey">WebAuthn §5.4.7</see>.
    /// </remarks>
    public AttestationConveyancePreference Attestation { get; set; } = AttestationConveyancePreference.None;

    /// <summary>
    /// Gets or sets the credential algorithms accepted, in order of preference.
    /// </summary>
    /// <remarks>
    /// When empty (the default), ES256, EdDSA and RS256 are used.
    /// See <see href="https://www.w3.org/TR/webauthn-3/#dom-publickeycredentialcreationoptions-pubkeycredparams">WebAuthn §5.4</see>.
    /// </remarks>
    public IList<COSE.Algorithm> Algorithms { get; set; } = [];

    /// <summary>
    /// Gets or sets what happens when a signature counter does not increase.
    /// </summary>
    /// <remarks>
    /// Defaults to <see cref="SignCountRegressionPolicy.RejectDeviceBound"/>: refused for a device-bound passkey,
    /// accepted and flagged for a synced one (password managers have stopped counting: stored 50, received 0, and the
    /// user was locked out). A counter that stays at zero is never a regression. See
    /// <see href="https://www.w3.org/TR/webauthn-3/#sctn-sign-counter">WebAuthn §6.1.1</see>.
    /// </remarks>
    public SignCountRegressionPolicy SignCountRegression { get; set; } = SignCountRegressionPolicy.RejectDeviceBound;

    /// <summary>
    /// Gets or sets what to do when a passkey's backup eligibility (the BE flag) changes after it was created.
    /// </summary>
    /// <remarks>
    /// Defaults to <see cref="BackupEligibilityChangePolicy.AcceptAndUpdate"/>: providers have changed the flag of
    /// passkeys already in use (iCloud Keychain before and after syncing, a password manager update), and refusing
    /// locks their owners out while telling nothing about an attacker, who would sign the flag it wants. The change
    /// must still meet <see cref="BackupEligibility"/> and <see cref="BackupState"/>, so a site that accepts only
    /// device-bound passkeys keeps refusing one that turns synced; and it is accepted only from a passkey whose
    /// signature counters are zero (as synced providers report them), so a clone of a counting device-bound key cannot
    /// turn the flag on to have its regressions excused under <see cref="SignCountRegression"/>.
    /// </remarks>
    public BackupEligibilityChangePolicy BackupEligibilityChange { get; set; } = BackupEligibilityChangePolicy.AcceptAndUpdate;

    /// <summary>
    /// Gets or sets whether credentials must (or must not) be backup eligible (the BE flag).
    /// </summary>
    /// <remarks>Defaults to <see cref="BackupFlagPolicy.Allowed"/>. See <see href="https://www.w3.org/TR/webauthn-3/#sctn-credential-backup">WebAuthn §6.1.3</see>.</remarks>
    public BackupFlagPolicy BackupEligibility { get; set; } = BackupFlagPolicy.Allowed;

    /// <summary>
    /// Gets or sets whether credentials must (or must not) be backed up (the BS flag).
    /// </summary>
    /// <remarks>Defaults to <see cref="BackupFlagPolicy.Allowed"/>. See <see href="https://www.w3.org/TR/webauthn-3/#sctn-credential-backup">WebAuthn §6.1.3</see>.</remarks>
    public BackupFlagPolicy BackupState { get; set; } = BackupFlagPolicy.Allowed;

    /// <summary>
    /// Gets or sets the size of each challenge, in bytes.
    /// </summary>
    /// <remarks>Defaults to 32; at least 16 is required (WebAuthn §13.4.3).</remarks>
    public int ChallengeSize { get; set; } = 32;

    /// <summary>
    /// Gets or sets the largest response, in UTF-8 bytes, the engine will parse.
    /// </summary>
    /// <remarks>Defaults to 64 KiB, far above any real response, so oversized input is refused before parsing.</remarks>
    public int MaxResponseLength { get; set; } = 64 * 1024;

    /// <summary>
    /// Gets or sets a flag indicating whether sign-ins are verified by the engine's own assertion verifier, which
    /// keeps each credential's imported public key, instead of by Fido2's <c>MakeAssertionAsync</c>.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="true"/>. Both make the same decisions with the same error codes (a differential
    /// test holds them to it); for ECDSA and RSA keys the fast path is about 3 to 8 times quicker, because it does
    /// not import the public key on every sign-in (Ed25519 keys are cheap to import, so they gain little). Responses it does not handle (attested credential data in an assertion, key types or
    /// signature encodings it does not know) go to Fido2. Set it to <see langword="false"/> to use Fido2 for every
    /// sign-in. See <see href="https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion">WebAuthn §7.2</see>.
    /// </remarks>
    public bool UseAssertionFastPath { get; set; } = true;

    /// <summary>
    /// Gets or sets how old a passkey's stored last-used time may get before a sign-in that changes nothing else
    /// writes it again.
    /// </summary>
    /// <remarks>
    /// Defaults to 1 minute; 0 to 1 hour are accepted. Synced passkeys report a sign count of zero on every use, so
    /// most sign-ins change nothing but the last-used time: when the count stays zero, the backup state and user
    /// verification are as stored, and the stored time is younger than this, the sign-in writes nothing (the
    /// passkey list then shows a last use at most this old). Any other change is always written. Set
    /// <see cref="TimeSpan.Zero"/> to write on every sign-in.
    /// </remarks>
    public TimeSpan LastUsedRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets a value indicating whether a new user name may contain <c>@</c>, and so look like an email address.
    /// </summary>
    /// <remarks>
    /// Defaults to <see langword="false"/>: names and verified addresses are one namespace (sign-in by a typed value
    /// finds either), so a name taken as <c>erin@example.com</c> would take that address from its owner before she
    /// verifies it, and answer whether it is some account's address. The address has its own field. Names stored
    /// before stay valid. Turn it on only where nobody can sign up with an address they do not own.
    /// </remarks>
    public bool AllowEmailShapedUserNames { get; set; }

    /// <summary>
    /// Gets or sets how many passkeys one user may have.
    /// </summary>
    /// <remarks>
    /// Defaults to 25; 1 to 1 000 are accepted. Adding one more fails with
    /// <see cref="PasskeyErrorCodes.TooManyPasskeys"/>, checked when the ceremony starts and again before the passkey
    /// is stored (two ceremonies completing at the same moment can pass together). It bounds what one signed-in
    /// session can write: the account's rows, the options' exclude list, the notices sent.
    /// </remarks>
    public int MaxPasskeysPerUser { get; set; } = 25;

    /// <summary>
    /// Gets or sets how many credentials' imported public keys the assertion fast path keeps.
    /// </summary>
    /// <remarks>
    /// Defaults to 10 000; 1 to 1 000 000 are accepted. When it is full, the least recently used of a small
    /// sample of keys is dropped. A key is re-imported whenever the stored public key differs from the kept one.
    /// </remarks>
    public int PublicKeyCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets the secret that derives stable decoy credentials for unknown user names, so that sign-in
    /// options do not reveal whether an account exists.
    /// </summary>
    /// <remarks>
    /// When <see langword="null"/> (the default) a random secret is made per process; give every node of a
    /// cluster the same secret (at least 32 bytes, base64) so decoys agree across nodes.
    /// </remarks>
    public string? DecoySecret { get; set; }
}
