using CsCheck;
using Passkeys.Tests.Properties;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// The client data origin must be written as browsers serialise an origin. The verifiers' URI parsing read a path,
/// a user, spaces, an explicit default port or a port with leading zeros as the configured origin (an outside review
/// signed in with <c>http://localhost:5414/path</c>); those are refused before verification.
/// </summary>
[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class OriginSerializationTests(AssertionPath path) : EngineTestBase(path)
{
    private static readonly Gen<string> NearOrigins = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 12].Select(p => EngineHarness.Origin + "/" + p),
        Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(u => "https://" + u + "@localhost"),
        Gen.OneOf(" ", "\t", "\n").Select(Gen.Bool, (space, before) => before ? space + EngineHarness.Origin : EngineHarness.Origin + space),
        Gen.Int[1, 4].Select(zeros => "https://localhost:" + new string('0', zeros) + "443"),
        Gen.OneOf("https://localhost:443", "https://LOCALHOST", "HTTPS://localhost", "https://localhost.", "https://localhost?", "https://localhost#"));

    [Test]
    public Task A_client_data_origin_not_written_as_a_browser_writes_it_is_refused_at_sign_up_and_sign_in()
        => Property.CheckAsync($"{nameof(OriginSerializationTests)}({Path})", NearOrigins, async near =>
        {
            var honest = CeremonyDriver.NewAuthenticator();
            var name = "u" + Guid.NewGuid().ToString("N")[..12];
            await Harness.RegisterOkAsync(honest, name);

            var odd = CeremonyDriver.NewAuthenticator();
            odd.Origin = near;
            var signUp = await Harness.RegisterAsync(odd, "o" + name);
            honest.Origin = near;
            var signIn = await Harness.LoginAsync(honest, name);

            Assert.That((signUp.Error?.Code, signIn.Error?.Code), Is.EqualTo((PasskeyErrorCodes.OriginMismatch, PasskeyErrorCodes.OriginMismatch)), near);
        }, iterations: 300, print: near => near);

    [Test]
    public async Task The_configured_origin_as_browsers_write_it_signs_up_and_in()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");

        Assert.That((await Harness.LoginAsync(Authenticator, "alice")).Succeeded, Is.True);
    }
}
