using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// Providers send the user handle in every shape (Android and hybrid have sent an empty string, <c>null</c>, or
/// nothing). WebAuthn §7.2 step 6: when the user was named first, a handle is optional and, when sent, must be the
/// owner's; a discoverable sign-in must carry the owner's handle. An empty string is read as no handle.
/// </summary>
[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class UserHandleQuirkTests(AssertionPath path) : EngineTestBase(path)
{
    public enum Shape
    {
        Absent,
        Null,
        Empty,
        Owners,
    }

    [TestCase(Shape.Absent)]
    [TestCase(Shape.Null)]
    [TestCase(Shape.Empty)]
    [TestCase(Shape.Owners)]
    public async Task Username_first_sign_in_accepts_any_shape_of_no_handle_and_the_owners(Shape shape)
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");

        var result = await Harness.LoginAsync(Authenticator, "alice", WithHandle(shape));

        Assert.That(result.Succeeded, Is.True, result.Error?.Code);
        Assert.That(result.Value!.User.UserName, Is.EqualTo("alice"));
    }

    [TestCase(Shape.Absent)]
    [TestCase(Shape.Null)]
    [TestCase(Shape.Empty)]
    public async Task Discoverable_sign_in_without_a_handle_is_refused_as_an_unknown_passkey(Shape shape)
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");

        var result = await Harness.LoginAsync(Authenticator, userName: null, WithHandle(shape));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UnknownCredential));
    }

    [Test]
    public async Task Discoverable_sign_in_with_the_owners_handle_succeeds()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");

        var result = await Harness.LoginAsync(Authenticator, userName: null, WithHandle(Shape.Owners));

        Assert.That(result.Value?.User.UserName, Is.EqualTo("alice"), result.Error?.Code);
    }

    private SoftwareTampering WithHandle(Shape shape) => new()
    {
        Response = r =>
        {
            var response = r["response"]!.AsObject();
            switch (shape)
            {
                case Shape.Absent: response.Remove("userHandle"); break;
                case Shape.Null: response["userHandle"] = null; break;
                case Shape.Empty: response["userHandle"] = string.Empty; break;
                default: response["userHandle"] = System.Buffers.Text.Base64Url.EncodeToString(Authenticator.Credentials[0].UserHandle); break;
            }
        },
    };
}
