using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace Passkeys.Testing.Tests;

/// <summary>
/// A relying party made of Fido2 alone, so the authenticator is judged by the library the engine trusts.
/// </summary>
internal sealed class RelyingParty
{
    private readonly Fido2 _fido2 = new(new Fido2Configuration
    {
        RPID = "localhost",
        RPName = "x",
        Origins = new HashSet<string> { "https://localhost" },
        ChallengeSize = 32,
    });

    public byte[] UserHandle { get; } = RandomNumberGenerator.GetBytes(32);

    public CredentialCreateOptions CreationOptions(
        AuthenticatorSelection? selection = null,
        IReadOnlyList<PublicKeyCredentialDescriptor>? exclude = null,
        IReadOnlyList<PubKeyCredParam>? algorithms = null)
        => _fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = UserHandle, Name = "ada", DisplayName = "Ada Lovelace" },
            AuthenticatorSelection = selection ?? AuthenticatorSelection.Default,
            AttestationPreference = AttestationConveyancePreference.None,
            ExcludeCredentials = exclude ?? [],
            PubKeyCredParams = algorithms ?? [PubKeyCredParam.ES256, PubKeyCredParam.RS256, PubKeyCredParam.Ed25519],
        });

    public AssertionOptions AssertionOptions(
        IReadOnlyList<PublicKeyCredentialDescriptor>? allow = null,
        UserVerificationRequirement userVerification = UserVerificationRequirement.Preferred)
        => _fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allow ?? [],
            UserVerification = userVerification,
        });

    public Task<RegisteredPublicKeyCredential> RegisterAsync(CredentialCreateOptions options, string responseJson)
        => _fido2.MakeNewCredentialAsync(
            new MakeNewCredentialParams
            {
                AttestationResponse = JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(responseJson)!,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = (_, _) => Task.FromResult(true),
            },
            CancellationToken.None);

    public Task<VerifyAssertionResult> VerifyAsync(AssertionOptions options, string responseJson, byte[] publicKey, uint storedSignCount)
        => _fido2.MakeAssertionAsync(
            new MakeAssertionParams
            {
                AssertionResponse = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(responseJson)!,
                OriginalOptions = options,
                StoredPublicKey = publicKey,
                StoredSignatureCounter = storedSignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle.AsSpan().SequenceEqual(UserHandle)),
            },
            CancellationToken.None);

    /// <summary>Registers a credential with <paramref name="authenticator"/> and returns what Fido2 stored.</summary>
    public async Task<RegisteredPublicKeyCredential> RegisterAsync(SoftwareAuthenticator authenticator)
    {
        var options = CreationOptions();
        return await RegisterAsync(options, authenticator.CreateCredential(options.ToJson()));
    }

    public static AuthenticatorData AuthenticatorDataOf(string responseJson)
    {
        using var document = JsonDocument.Parse(responseJson);
        var encoded = document.RootElement.GetProperty("response").GetProperty("authenticatorData").GetString()!;
        return AuthenticatorData.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(encoded));
    }
}
