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

    public static async Task<PasskeyResult<PasskeyAuthentication>> LoginAsync(
        this EngineHarness harness, SoftwareAuthenticator authenticator, string? userName = null, SoftwareTampering? tampering = null, byte[]? credentialId = null)
    {
        var start = await harness.Engine.BeginAuthenticationAsync(userName);
        return await harness.Engine.CompleteAuthenticationAsync(start.Value!.CeremonyId, authenticator.GetAssertion(start.Value.OptionsJson, tampering, credentialId));
    }
}
