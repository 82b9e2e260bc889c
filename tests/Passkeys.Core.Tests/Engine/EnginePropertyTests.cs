using System.Reflection;
using Passkeys.Tests.Properties;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// The engine is public API that takes any string as a response: over generated text of every shape
/// (<see cref="JsonText"/>) and generated changes to valid responses (<see cref="ResponseMutation"/>), completing a
/// ceremony never throws, fails with one of the documented codes, and stores nothing unless it succeeds.
/// </summary>
[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class EnginePropertyTests(AssertionPath path) : EngineTestBase(path)
{
    private const int Iterations = 150;

    private static readonly HashSet<string> KnownCodes = typeof(PasskeyErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    private int _users;

    [Test]
    public Task Registration_with_any_text_fails_with_a_code_and_stores_nothing()
        => Property.CheckAsync(Name(), JsonText.Document, async text =>
        {
            var start = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));

            var result = await Harness.Engine.CompleteRegistrationAsync(start.Value!.CeremonyId, text);

            AssertFailedWithKnownCode(result);
            Assert.That(await Harness.Users.FindByNameAsync("alice", default), Is.Null);
        }, Iterations);

    [Test]
    public async Task Sign_in_with_any_text_fails_with_a_code_and_changes_nothing()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var before = await SnapshotAsync();
        await Property.CheckAsync(Name(), JsonText.Document, async text =>
        {
            var start = await Harness.Engine.BeginAuthenticationAsync(text.Length % 2 == 0 ? "alice" : null);

            var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value!.CeremonyId, text);

            AssertFailedWithKnownCode(result);
            Assert.That(await SnapshotAsync(), Is.EqualTo(before));
        }, Iterations);
    }

    [Test]
    public async Task Adding_a_passkey_with_any_text_fails_with_a_code_and_stores_nothing()
    {
        var user = (await Harness.RegisterOkAsync(Authenticator, "alice")).User;
        await Property.CheckAsync(Name(), JsonText.Document, async text =>
        {
            var start = await Harness.Engine.BeginAddCredentialAsync(user.Id);

            var result = await Harness.Engine.CompleteAddCredentialAsync(start.Value!.CeremonyId, user.Id, text);

            AssertFailedWithKnownCode(result);
            Assert.That(await Harness.Credentials.ListByUserAsync(user.Id, default), Has.Count.EqualTo(1));
        }, Iterations);
    }

    [Test]
    public Task Changed_registration_response_fails_with_a_code_or_creates_exactly_its_user()
        => Property.CheckAsync(Name(), ResponseMutation.Gen, async mutation =>
        {
            var userName = $"user{Interlocked.Increment(ref _users)}";
            var start = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName));
            var response = mutation.Apply(Authenticator.CreateCredential(start.Value!.OptionsJson));

            var result = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, response);

            var stored = await Harness.Users.FindByNameAsync(userName, default);
            if (result.Succeeded)
            {
                Assert.That(stored?.Id, Is.EqualTo(result.Value.User.Id));
            }
            else
            {
                AssertFailedWithKnownCode(result);
                Assert.That(stored, Is.Null);
            }
        }, Iterations);

    [Test]
    public async Task Changed_assertion_fails_with_a_code_and_changes_nothing_or_signs_in()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        await Property.CheckAsync(Name(), ResponseMutation.Gen, async mutation =>
        {
            var before = await SnapshotAsync();
            var start = await Harness.Engine.BeginAuthenticationAsync(mutation.Position % 2 == 0 ? "alice" : null);
            var response = mutation.Apply(Authenticator.GetAssertion(start.Value!.OptionsJson));

            var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, response);

            if (!result.Succeeded)
            {
                AssertFailedWithKnownCode(result);
                Assert.That(await SnapshotAsync(), Is.EqualTo(before));
            }

            Harness.Time.Advance(TimeSpan.FromSeconds(1));
        }, Iterations);
    }

    [Test]
    public async Task Changed_new_passkey_fails_with_a_code_or_adds_exactly_one()
    {
        await Property.CheckAsync(Name(), ResponseMutation.Gen, async mutation =>
        {
            // A user per case, so the passkeys added by earlier cases never reach MaxPasskeysPerUser.
            var user = (await Harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), $"adder{Interlocked.Increment(ref _users)}")).User;
            var before = (await Harness.Credentials.ListByUserAsync(user.Id, default)).Count;
            var start = await Harness.Engine.BeginAddCredentialAsync(user.Id);
            var response = mutation.Apply(CeremonyDriver.NewAuthenticator().CreateCredential(start.Value!.OptionsJson));

            var result = await Harness.Engine.CompleteAddCredentialAsync(start.Value.CeremonyId, user.Id, response);

            if (!result.Succeeded)
            {
                AssertFailedWithKnownCode(result);
            }

            var after = (await Harness.Credentials.ListByUserAsync(user.Id, default)).Count;
            Assert.That(after, Is.EqualTo(before + (result.Succeeded ? 1 : 0)));
        }, Iterations);
    }

    private static void AssertFailedWithKnownCode<T>(PasskeyResult<T> result)
        where T : class
    {
        Assert.That(result.Succeeded, Is.False, "the response was accepted");
        Assert.That(KnownCodes, Does.Contain(result.Error!.Code));
    }

    private string Name([System.Runtime.CompilerServices.CallerMemberName] string test = "") => $"{test}({Path})";

    private async Task<string> SnapshotAsync()
    {
        var user = await Harness.Users.FindByNameAsync("alice", default);
        var credentials = await Harness.Credentials.ListByUserAsync(user!.Id, default);
        return string.Join(";", credentials.Select(c => $"{c.SignCount}|{c.LastUsedAt:O}|{c.IsBackedUp}|{c.IsUserVerified}"));
    }
}
