using Microsoft.Extensions.DependencyInjection;
using Passkeys.Core.Tests.Engine;

namespace Passkeys.Core.Tests.Providers;

public class ProviderNameAtRegistrationTests
{
    [Test]
    public async Task A_new_account_s_passkey_is_named_after_its_known_provider()
    {
        using var harness = new EngineHarness();
        var authenticator = CeremonyDriver.NewAuthenticator();
        authenticator.Aaguid = ProviderCatalogTests.GooglePasswordManager;
        var registered = await harness.RegisterOkAsync(authenticator, "alice");
        var stored = await harness.Credentials.FindByIdAsync(authenticator.Credentials[0].Id, default);
        Assert.That(registered.Credential.Name, Is.EqualTo("Google Password Manager"));
        Assert.That(stored?.Name, Is.EqualTo("Google Password Manager"));
    }

    [Test]
    public async Task An_added_passkey_is_named_after_its_known_provider()
    {
        using var harness = new EngineHarness();
        var registered = await harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "alice");
        var phone = CeremonyDriver.NewAuthenticator();
        phone.Aaguid = ProviderCatalogTests.ApplePasswords;
        var start = await harness.Engine.BeginAddCredentialAsync(registered.User.Id);
        var added = await harness.Engine.CompleteAddCredentialAsync(start.Value!.CeremonyId, registered.User.Id, phone.CreateCredential(start.Value.OptionsJson));
        Assert.That(added.Value?.Credential.Name, Is.EqualTo("Apple Passwords"), added.Error?.Code);
    }

    [Test]
    public async Task A_passkey_with_the_zero_or_an_unknown_aaguid_is_left_unnamed()
    {
        using var harness = new EngineHarness();
        var zero = CeremonyDriver.NewAuthenticator();
        var unknown = CeremonyDriver.NewAuthenticator();
        unknown.Aaguid = new Guid("5a5a5a5a-0000-4000-8000-000000000001");
        Assert.That((await harness.RegisterOkAsync(zero, "alice")).Credential.Name, Is.Null);
        Assert.That((await harness.RegisterOkAsync(unknown, "bob")).Credential.Name, Is.Null);
    }

    [Test]
    public async Task A_configured_provider_names_the_passkey()
    {
        var aaguid = new Guid("5a5a5a5a-0000-4000-8000-000000000001");
        using var harness = new EngineHarness(services: s => s.Configure<PasskeyProviderOptions>(o => o.Providers[aaguid.ToString()] = new PasskeyProvider { Name = "Contoso Key" }));
        var authenticator = CeremonyDriver.NewAuthenticator();
        authenticator.Aaguid = aaguid;
        Assert.That((await harness.RegisterOkAsync(authenticator, "alice")).Credential.Name, Is.EqualTo("Contoso Key"));
    }

    [Test]
    public async Task A_provider_name_a_passkey_could_not_have_is_not_given_to_it()
    {
        var aaguid = new Guid("5a5a5a5a-0000-4000-8000-000000000001");
        var catalog = new Moq.Mock<IPasskeyProviderCatalog>();
        catalog.Setup(c => c.Find(aaguid)).Returns(new PasskeyProvider { Name = new string('n', PasskeysDefaults.MaxCredentialNameLength + 1) });
        using var harness = new EngineHarness(services: s => s.AddSingleton(catalog.Object));
        var authenticator = CeremonyDriver.NewAuthenticator();
        authenticator.Aaguid = aaguid;
        Assert.That((await harness.RegisterOkAsync(authenticator, "alice")).Credential.Name, Is.Null);
        catalog.Verify(c => c.Find(aaguid));
    }
}
