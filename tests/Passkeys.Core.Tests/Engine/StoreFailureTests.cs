using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;

namespace Passkeys.Core.Tests.Engine;

public class StoreFailureTests
{
    [Test]
    public async Task A_user_store_that_throws_on_create_leaves_no_user_and_no_passkey()
    {
        var real = new InMemoryPasskeyStore();
        var users = new Mock<IPasskeyUserStore>();
        users.Setup(s => s.FindByNameAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string n, CancellationToken c) => real.FindByNameAsync(n, c));
        users.Setup(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string e, CancellationToken c) => real.FindByEmailAsync(e, c));
        users.Setup(s => s.CreateAsync(It.IsAny<PasskeyUser>(), It.IsAny<PasskeyCredential>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("The database went away."));
        using var harness = new EngineHarness(services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton(users.Object));
            s.Replace(ServiceDescriptor.Singleton<IPasskeyCredentialStore>(real));
        });
        var authenticator = CeremonyDriver.NewAuthenticator();

        Assert.That(async () => await harness.RegisterAsync(authenticator, "alice"), Throws.InvalidOperationException.With.Message.Contains("went away"));

        Assert.That(await real.FindByNameAsync("alice", default), Is.Null);
        Assert.That(await real.FindByIdAsync(authenticator.Credentials[0].Id, default), Is.Null, "the engine never writes a passkey on its own during sign-up");
        users.Verify(s => s.CreateAsync(It.IsAny<PasskeyUser>(), It.IsAny<PasskeyCredential>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_credential_store_that_throws_on_add_leaves_the_user_with_the_passkeys_they_had()
    {
        var real = new InMemoryPasskeyStore();
        var credentials = new Mock<IPasskeyCredentialStore>();
        credentials.Setup(s => s.FindByIdAsync(It.IsAny<byte[]>(), It.IsAny<CancellationToken>())).Returns((byte[] id, CancellationToken c) => real.FindByIdAsync(id, c));
        credentials.Setup(s => s.ListByUserAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string u, CancellationToken c) => real.ListByUserAsync(u, c));
        credentials.Setup(s => s.AddAsync(It.IsAny<PasskeyCredential>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("Timed out."));
        using var harness = new EngineHarness(services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<IPasskeyUserStore>(real));
            s.Replace(ServiceDescriptor.Singleton(credentials.Object));
        });
        var alice = await harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "alice");
        var start = await harness.Engine.BeginAddCredentialAsync(alice.User.Id);

        Assert.That(async () => await harness.Engine.CompleteAddCredentialAsync(start.Value!.CeremonyId, alice.User.Id,
            CeremonyDriver.NewAuthenticator().CreateCredential(start.Value.OptionsJson)), Throws.TypeOf<TimeoutException>());

        Assert.That(await real.ListByUserAsync(alice.User.Id, default), Has.Count.EqualTo(1));
    }
}
