using Microsoft.Extensions.DependencyInjection;
using Passkeys.Stores;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// User names and email addresses are one namespace, compared in their RFC 8265 form: an account named after
/// someone's email cannot take over their sign-in, and names that look alike are one account. A new name may not
/// contain @ unless the app allows it (<see cref="PasskeyOptions.AllowEmailShapedUserNames"/>, on in this fixture,
/// which tests the namespace under it).
/// </summary>
public class NameNamespaceTests
{
    private EngineHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new EngineHarness(o => o.AllowEmailShapedUserNames = true);

    // The default: an email-shaped name is refused the same way whether or not the address is someone's, so it can
    // neither take an address before its owner verifies it nor say whether it is an account's.
    [TestCase("erin@example.com", true)]
    [TestCase("ERIN@Example.com", true)]
    [TestCase("nobody@example.com", false)]
    public async Task Email_shaped_user_name_is_refused_by_default_whether_or_not_the_address_is_taken(string userName, bool taken)
    {
        using var harness = new EngineHarness();
        var erin = await harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "erin", "erin@example.com");
        if (taken)
        {
            Assert.That(await harness.VerifyEmailAsync(erin.User.Id), Is.EqualTo(Stores.PasskeyStoreResult.Success));
        }

        var start = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName, Email: "erin@example.com"));

        Assert.That(start.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidUserName));
    }

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [TestCase("alice@example.com")]
    [TestCase("ALICE@Example.COM")]
    [TestCase("ａｌｉｃｅ@ｅｘａｍｐｌｅ.ｃｏｍ")]
    public async Task User_name_that_is_another_users_email_is_refused_and_the_owner_keeps_the_sign_in(string impostorName)
    {
        var alice = CeremonyDriver.NewAuthenticator();
        var owner = await _harness.RegisterVerifiedAsync(alice, "alice", "alice@example.com");

        var impostor = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(impostorName));
        var signIn = await _harness.LoginAsync(alice, "alice@example.com");

        Assert.Multiple(() =>
        {
            Assert.That(impostor.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserExists), "registering the email as a name");
            Assert.That(signIn.Value?.User.Id, Is.EqualTo(owner.User.Id), "sign-in by the email");
        });
    }

    [Test]
    public async Task Name_started_before_the_email_was_taken_is_refused_when_the_registration_completes()
    {
        var mallory = CeremonyDriver.NewAuthenticator();
        var start = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("bob@example.com"));
        Assert.That(start.Succeeded, Is.True, "the name is free when mallory starts");
        var bobAuthenticator = CeremonyDriver.NewAuthenticator();
        var bob = await _harness.RegisterVerifiedAsync(bobAuthenticator, "bob", "bob@example.com");

        var completed = await _harness.Engine.CompleteRegistrationAsync(start.Value!.CeremonyId, mallory.CreateCredential(start.Value.OptionsJson));
        var signIn = await _harness.LoginAsync(bobAuthenticator, "BOB@example.com");

        Assert.Multiple(() =>
        {
            Assert.That(completed.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserExists), "mallory's registration");
            Assert.That(signIn.Value?.User.Id, Is.EqualTo(bob.User.Id), "sign-in by bob's email");
        });
    }

    // An address given at sign-up reserves nothing until verified, so naming one that is someone's name is no
    // oracle and takes nothing: the account waits with it, and verifying it is refused.
    [Test]
    public async Task Email_that_is_another_users_name_waits_unverified_and_cannot_be_verified()
    {
        var owner = await _harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "carol@example.com");

        var second = await _harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "carol", "Carol@Example.com");

        Assert.Multiple(async () =>
        {
            Assert.That(second.User.PendingEmail, Is.EqualTo("Carol@Example.com"));
            Assert.That(second.User.Email, Is.Null);
            Assert.That(await _harness.VerifyEmailAsync(second.User.Id), Is.EqualTo(Stores.PasskeyStoreResult.EmailTaken));
            Assert.That((await _harness.Users.FindByNameAsync("CAROL@example.com", default))?.Id, Is.EqualTo(owner.User.Id));
        });
    }

    [Test]
    public async Task User_name_may_be_the_users_own_email()
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        var registered = await _harness.RegisterOkAsync(authenticator, "dave@example.com", "Dave@Example.com");

        var signIn = await _harness.LoginAsync(authenticator, "DAVE@example.com");

        Assert.That(signIn.Value?.User.Id, Is.EqualTo(registered.User.Id));
    }

    [TestCase("jose\u0301", "JOSÉ")]
    [TestCase("ｇｒａｃｅ", "Grace")]
    [TestCase("straße", "STRASSE")]
    [TestCase("ΟΔΥΣΣΕΥΣ", "οδυσσευς")]
    public async Task Names_that_look_alike_are_one_account(string registeredAs, string typedLater)
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        var registered = await _harness.RegisterOkAsync(authenticator, registeredAs);

        var second = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(typedLater));
        var signIn = await _harness.LoginAsync(authenticator, typedLater);

        Assert.Multiple(() =>
        {
            Assert.That(second.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserExists), "registering the look-alike");
            Assert.That(signIn.Value?.User.Id, Is.EqualTo(registered.User.Id), "signing in with the look-alike");
            Assert.That(PasskeyNameNormalizer.Normalize(registered.User.UserName), Is.EqualTo(PasskeyNameNormalizer.Normalize(typedLater)));
        });
    }

    [TestCase("ｇｒａｃｅ", "grace")]
    [TestCase("jose\u0301", "jos\u00E9")]
    [TestCase("ＪＯＳÉ", "JOSÉ")]
    public async Task Name_is_kept_at_its_usual_width_in_NFC_with_its_case(string typed, string kept)
    {
        var registered = await _harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), typed);

        var stored = await _harness.Users.FindByIdAsync(registered.User.Id, default);

        Assert.That(stored?.UserName, Is.EqualTo(kept));
    }

    [TestCase("ǅemal")]
    [TestCase("ﬁona")]
    [TestCase("ⓐlice")]
    [TestCase("ali\u00ADce")]
    [TestCase("ali\u0307\u200Dce")]
    [TestCase("a\u05D0b")]
    public async Task Name_the_profile_refuses_is_an_invalid_user_name(string userName)
    {
        var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidUserName));
    }

    [Test]
    public async Task Sign_in_by_a_value_two_users_hold_is_for_neither()
    {
        // A store written before it kept names and emails apart: the name of one user is the email of another.
        var owner = await _harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "erin", "erin@example.com");
        var legacy = new LegacyUsers(_harness.Users, nameHolder: owner.User, emailHolder: new PasskeyUser("other", new byte[32], "other", default));
        using var harness = new EngineHarness(services: s => s.AddSingleton<IPasskeyUserStore>(legacy));

        var start = await harness.Engine.BeginAuthenticationAsync("erin@example.com");
        var ceremony = await harness.Ceremonies.TakeAsync(start.Value!.CeremonyId, default);

        Assert.That(ceremony?.UserId, Is.Null, "the user the sign-in is for");
    }

    // Finds one user by name and another by email, whatever is asked.
    private sealed class LegacyUsers(IPasskeyUserStore inner, PasskeyUser nameHolder, PasskeyUser emailHolder) : IPasskeyUserStore
    {
        public Task<PasskeyStoreResult> CreateAsync(PasskeyUser user, PasskeyCredential credential, CancellationToken cancellationToken) => inner.CreateAsync(user, credential, cancellationToken);

        public Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => inner.FindByIdAsync(userId, cancellationToken);

        public Task<PasskeyUser?> FindByUserHandleAsync(byte[] userHandle, CancellationToken cancellationToken) => inner.FindByUserHandleAsync(userHandle, cancellationToken);

        public Task<PasskeyUser?> FindByNameAsync(string userName, CancellationToken cancellationToken) => Task.FromResult<PasskeyUser?>(nameHolder);

        public Task<PasskeyUser?> FindByEmailAsync(string email, CancellationToken cancellationToken) => Task.FromResult<PasskeyUser?>(emailHolder);

        public Task<PasskeyStoreResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken) => inner.UpdateAsync(user, cancellationToken);

        public Task<bool> UpdateSecurityStampAsync(string userId, string expectedStamp, string newStamp, CancellationToken cancellationToken) => inner.UpdateSecurityStampAsync(userId, expectedStamp, newStamp, cancellationToken);

        public Task<PasskeyStoreResult> DeleteAsync(string userId, CancellationToken cancellationToken) => inner.DeleteAsync(userId, cancellationToken);
    }
}
