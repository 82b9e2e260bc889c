namespace Passkeys.AspNetCore.Endpoints;

/// <summary>The body of a successful sign-up or sign-in: <c>{verified: true, next}</c>.</summary>
internal sealed record VerifiedResponse(bool Verified, string Next);

/// <summary>The body of a confirmation with a passkey: <c>{verified: true}</c>.</summary>
internal sealed record ReauthenticatedResponse(bool Verified);

/// <summary>The body of a passkey added to an account: <c>{verified: true, credential}</c>.</summary>
internal sealed record CredentialAddedResponse(bool Verified, CredentialResponse Credential);

/// <summary>
/// The signed-in user's account. <c>userHandle</c> (base64url) and <c>rpId</c> are added to the contract's members
/// so the browser module can call the Signal API; the user handle is random, never personal data.
/// </summary>
internal sealed record AccountResponse(
    string Id,
    string UserName,
    string DisplayName,
    string? Email,
    DateTimeOffset CreatedAt,
    int PasskeyCount,
    string UserHandle,
    string RpId,
    bool EmailVerified,
    string? PendingEmail);

/// <summary>Whom an emailed sign-in link is for, shown by the confirm page before the link is spent.</summary>
internal sealed record EmailLinkUserResponse(string UserName, string DisplayName);

/// <summary>The address a verification link is for, and the account that asked for it.</summary>
internal sealed record EmailVerificationResponse(string Email, string UserName);

/// <summary>The account's addresses after a change: the verified one, and the one waiting for verification.</summary>
internal sealed record EmailStateResponse(string? Email, string? PendingEmail);

/// <summary>The user this browser remembers.</summary>
internal sealed record RememberedUserResponse(string UserName, string DisplayName);

/// <summary>
/// A passkey as the account pages show it; the id is the base64url credential id. <c>name</c> is the name the passkey
/// was given (its provider's, when known at creation) or <see langword="null"/>; <c>provider</c> is always there.
/// </summary>
internal sealed record CredentialResponse(
    string Id,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    IReadOnlyList<string> Transports,
    bool BackupEligible,
    bool BackedUp,
    Guid Aaguid,
    ProviderResponse Provider)
{
    public static CredentialResponse From(PasskeyCredential credential, IPasskeyProviderCatalog providers) => new(
        System.Buffers.Text.Base64Url.EncodeToString(credential.CredentialId),
        credential.Name,
        credential.CreatedAt,
        credential.LastUsedAt,
        credential.Transports,
        credential.IsBackupEligible,
        credential.IsBackedUp,
        credential.Aaguid,
        ProviderResponse.From(providers.Find(credential.Aaguid) ?? PasskeyProvider.Unknown));
}

/// <summary>
/// A passkey's provider, named from its AAGUID: "Passkey" and no icons for the all-zero AAGUID and unknown ones. Icons
/// are data URIs of images or https URLs, for <c>&lt;img src&gt;</c> (see <see cref="PasskeyProviderOptions.Providers"/>).
/// </summary>
internal sealed record ProviderResponse(string Name, string? IconLight, string? IconDark)
{
    public static ProviderResponse From(PasskeyProvider provider) => new(provider.Name, provider.IconLight, provider.IconDark);
}
