using System.Text.Json.Nodes;

namespace Passkeys.Core.Tests.Engine;

public class BeginCeremonyTests
{
    private EngineHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new EngineHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public async Task Registration_options_ask_for_a_discoverable_verified_credential_and_store_no_user()
    {
        var start = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice", "Alice A.", "alice@example.com"));

        Assert.That(start.Succeeded, Is.True);
        var options = JsonNode.Parse(start.Value!.OptionsJson)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)options["rp"]!["id"], Is.EqualTo("localhost"));
            Assert.That((string?)options["user"]!["name"], Is.EqualTo("alice"));
            Assert.That((string?)options["user"]!["displayName"], Is.EqualTo("Alice A."));
            Assert.That(Convert.FromBase64String(Base64(options["user"]!["id"]!)), Has.Length.EqualTo(32), "a random 32-byte user handle");
            Assert.That(Convert.FromBase64String(Base64(options["challenge"]!)), Has.Length.EqualTo(32));
            Assert.That((string?)options["authenticatorSelection"]!["residentKey"], Is.EqualTo("required"));
            Assert.That((string?)options["authenticatorSelection"]!["userVerification"], Is.EqualTo("required"));
            Assert.That((string?)options["attestation"], Is.EqualTo("none"));
            Assert.That(options["pubKeyCredParams"]!.AsArray().Select(p => (int)p!["alg"]!), Is.EqualTo(new[] { -7, -8, -257 }));
            Assert.That(start.Value.ExpiresAt, Is.EqualTo(_harness.Time.GetUtcNow().AddMinutes(5)));
        });
        Assert.That(await _harness.Users.FindByNameAsync("alice", default), Is.Null, "no user before the passkey verifies");
    }

    [Test]
    public async Task Two_registrations_get_different_challenges_user_handles_and_ceremony_ids()
    {
        var a = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
        var b = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));

        var optionsA = JsonNode.Parse(a.Value!.OptionsJson)!;
        var optionsB = JsonNode.Parse(b.Value!.OptionsJson)!;
        Assert.Multiple(() =>
        {
            Assert.That(a.Value.CeremonyId, Is.Not.EqualTo(b.Value.CeremonyId));
            Assert.That((string?)optionsA["challenge"], Is.Not.EqualTo((string?)optionsB["challenge"]));
            Assert.That((string?)optionsA["user"]!["id"], Is.Not.EqualTo((string?)optionsB["user"]!["id"]));
        });
    }

    [TestCase("", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("ab", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("_alice", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("alice smith", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("alice<script>", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("alice\u0000", PasskeyErrorCodes.InvalidUserName)]
    public async Task Invalid_user_name_is_refused_with_its_code(string userName, string code)
    {
        var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName));
        Assert.That(result.Error?.Code, Is.EqualTo(code));
    }

    [Test]
    public async Task User_name_longer_than_64_characters_is_refused()
    {
        var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(new string('a', 65)));
        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidUserName));
    }

    [TestCase("not-an-email")]
    [TestCase("a@b")]
    [TestCase("Alice <alice@example.com>")]
    [TestCase("alice@@example.com")]
    [TestCase("alice @example.com")]
    public async Task Invalid_email_is_refused(string email)
    {
        var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice", Email: email));
        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidEmail));
    }

    // Built at run time (an attribute argument is stored as UTF-8, which would turn a lone surrogate into U+FFFD) and
    // named (test runners drop a case whose name holds one).
    private static readonly TestCaseData[] LoneSurrogates =
    [
        new TestCaseData("Al\ud800ice").SetArgDisplayNames("high surrogate inside"),
        new TestCaseData("Alice\udc00").SetArgDisplayNames("low surrogate at the end"),
        new TestCaseData("\ud83dAlice").SetArgDisplayNames("high surrogate at the start"),
        new TestCaseData("\ude00\ud83d").SetArgDisplayNames("reversed pair"),
    ];

    [TestCaseSource(nameof(LoneSurrogates))]
    public async Task Display_name_with_a_lone_surrogate_is_refused(string displayName)
    {
        var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice", displayName));
        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidDisplayName));
    }

    [Test]
    public async Task Display_name_with_a_surrogate_pair_is_accepted()
    {
        var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice", "Alice \ud83d\ude00"));
        Assert.That(result.Succeeded, Is.True, result.Error?.Message);
    }

    [Test]
    public async Task Display_name_too_long_or_with_control_characters_is_refused()
    {
        var tooLong = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice", new string('x', 65)));
        var control = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice", "Al\nice"));
        Assert.Multiple(() =>
        {
            Assert.That(tooLong.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidDisplayName));
            Assert.That(control.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidDisplayName));
        });
    }

    [Test]
    public async Task Authentication_options_without_a_name_allow_any_discoverable_credential_and_set_user_verification()
    {
        var start = await _harness.Engine.BeginAuthenticationAsync();

        var options = JsonNode.Parse(start.Value!.OptionsJson)!;
        Assert.Multiple(() =>
        {
            Assert.That(options["allowCredentials"]!.AsArray(), Is.Empty);
            Assert.That((string?)options["userVerification"], Is.EqualTo("required"));
            Assert.That((string?)options["rpId"], Is.EqualTo("localhost"));
        });
    }

    [Test]
    public async Task Unknown_user_name_gets_stable_decoy_credentials_shaped_like_real_ones()
    {
        var first = JsonNode.Parse((await _harness.Engine.BeginAuthenticationAsync("nobody")).Value!.OptionsJson)!;
        var again = JsonNode.Parse((await _harness.Engine.BeginAuthenticationAsync("NOBODY")).Value!.OptionsJson)!;
        var other = JsonNode.Parse((await _harness.Engine.BeginAuthenticationAsync("somebody-else")).Value!.OptionsJson)!;

        var ids = Ids(first);
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Not.Empty);
            Assert.That(Ids(again), Is.EqualTo(ids), "the same name always gets the same decoys");
            Assert.That(Ids(other), Is.Not.EqualTo(ids));
            Assert.That(first["allowCredentials"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("public-key"));
            // Some decoy shapes carry no transports, as some real passkeys do; when they are there, they are not empty.
            Assert.That(first["allowCredentials"]![0]!["transports"]?.AsArray(), Is.Null.Or.Not.Empty);
        });
    }

    [Test]
    public async Task Options_for_an_unknown_user_have_the_same_shape_as_for_a_real_one()
    {
        var real = await SeedUserAsync("carol");
        var known = JsonNode.Parse((await _harness.Engine.BeginAuthenticationAsync(real.UserName)).Value!.OptionsJson)!.AsObject();
        var unknown = JsonNode.Parse((await _harness.Engine.BeginAuthenticationAsync("dave")).Value!.OptionsJson)!.AsObject();

        Assert.That(unknown.Select(p => p.Key), Is.EqualTo(known.Select(p => p.Key)));
        Assert.That(Ids(known), Is.EqualTo(new[] { "AQIDBA" }));
    }

    [Test]
    public async Task Add_credential_options_exclude_the_users_passkeys()
    {
        var user = await SeedUserAsync("erin");
        var start = await _harness.Engine.BeginAddCredentialAsync(user.Id);

        var options = JsonNode.Parse(start.Value!.OptionsJson)!;
        Assert.Multiple(() =>
        {
            Assert.That(options["excludeCredentials"]!.AsArray().Select(c => (string?)c!["id"]), Is.EqualTo(new[] { "AQIDBA" }));
            Assert.That((string?)options["user"]!["name"], Is.EqualTo("erin"));
            Assert.That(Convert.FromBase64String(Base64(options["user"]!["id"]!)), Is.EqualTo(user.UserHandle));
        });
    }

    [Test]
    public async Task Add_credential_for_an_unknown_user_is_refused()
    {
        var result = await _harness.Engine.BeginAddCredentialAsync("missing");
        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserNotFound));
    }

    [Test]
    public async Task Registration_with_a_taken_name_is_refused_before_any_ceremony_and_a_taken_email_is_no_oracle()
    {
        await SeedUserAsync("frank", "frank@example.com");

        var name = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("FRANK"));
        var email = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("frank2", Email: "Frank@Example.com"));
        Assert.Multiple(() =>
        {
            Assert.That(name.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserExists));
            Assert.That(email.Succeeded, Is.True, "an address given at sign-up only waits for verification");
        });
    }

    private async Task<PasskeyUser> SeedUserAsync(string userName, string? email = null)
    {
        var user = new PasskeyUser(Guid.NewGuid().ToString("N"), new byte[32], userName, _harness.Time.GetUtcNow()) { Email = email };
        new Random(userName.Length).NextBytes(user.UserHandle);
        var credential = new PasskeyCredential([1, 2, 3, 4], user.Id, [0xA5], 0, Guid.Empty, "none", false, _harness.Time.GetUtcNow())
        {
            Transports = ["internal"],
        };
        Assert.That(await _harness.Users.CreateAsync(user, credential, default), Is.EqualTo(Stores.PasskeyStoreResult.Success));
        return user;
    }

    private static string[] Ids(JsonNode options) => options["allowCredentials"]!.AsArray().Select(c => (string)c!["id"]!).ToArray();

    private static string Base64(JsonNode base64Url)
    {
        var s = ((string)base64Url!).Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
