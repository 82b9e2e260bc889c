using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// Runs whole ceremonies against the harness's engine with a software authenticator.
/// </summary>
internal static class CeremonyDriver
{
    public static SoftwareAuthenticator NewAuthenticator() => new() { Origin = EngineHarness.Origin };

    public static async Task<PasskeyResult<PasskeyRegistration>> RegisterAsync(
        this EngineHarness harness, SoftwareAuthenticator authenticator, string userName, string? email = null, SoftwareTampering? tampering = null)
    {
        var start = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName, Email: email));
        Assert.That(start.Succeeded, Is.True, start.Error?.Message);
        return await harness.Engine.CompleteRegistrationAsync(start.Value!.CeremonyId, authenticator.CreateCredential(start.Value.OptionsJson, tampering));
    }

    public static async Task<PasskeyRegistration> RegisterOkAsync(this EngineHarness harness, SoftwareAuthenticator authenticator, string userName, string? email = null)
    {
        var result = await harness.RegisterAsync(authenticator, userName, email);
        Assert.That(result.Succeeded, Is.True, result.Error?.Code);
        return result.Value!;
    }

    /// <summary>Registers with <paramref name="email"/> and marks it verified through the store, as the verification link would.</summary>
    public static async Task<PasskeyRegistration> RegisterVerifiedAsync(this EngineHarness harness, SoftwareAuthenticator authenticator, string userName, string email)
    {
        var registered = await harness.RegisterOkAsync(authenticator, userName, email);
        Assert.That(await harness.VerifyEmailAsync(registered.User.Id), Is.EqualTo(Stores.PasskeyStoreResult.Success));
        return registered;
    }

    /// <summary>Makes the user's pending address their email through the store; the store's answer.</summary>
    public static async Task<Stores.PasskeyStoreResult> VerifyEmailAsync(this EngineHarness harness, string userId)
    {
        var user = (await harness.Users.FindByIdAsync(userId, default))!;
        user.Email = user.PendingEmail;
        user.PendingEmail = null;
        return await harness.Users.UpdateAsync(user, default);
    }

    public static async Task<PasskeyResult<PasskeyAuthentication>> LoginAsync(
        this EngineHarness harness, SoftwareAuthenticator authenticator, string? userName = null, SoftwareTampering? tampering = null, byte[]? credentialId = null)
    {
        var start = await harness.Engine.BeginAuthenticationAsync(userName);
        return await harness.Engine.CompleteAuthenticationAsync(start.Value!.CeremonyId, authenticator.GetAssertion(start.Value.OptionsJson, tampering, credentialId));
    }
}
