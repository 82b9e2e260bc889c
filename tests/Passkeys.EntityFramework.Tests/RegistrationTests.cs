using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Passkeys.EntityFramework.Stores;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;

namespace Passkeys.EntityFramework.Tests;

public sealed class RegistrationTests
{
    [Test]
    public void AddEntityFrameworkStores_registers_scoped_stores_over_the_context_and_one_sweeper_when_called_twice()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        var builder = services.AddPasskeysCore(o =>
        {
            o.RelyingPartyId = "localhost";
            o.Origins = ["https://localhost"];
        });
        builder.AddEntityFrameworkStores<TestDbContext>();
        builder.AddEntityFrameworkStores<TestDbContext>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        var users = scope.ServiceProvider.GetRequiredService<IPasskeyUserStore>();
        Assert.Multiple(() =>
        {
            Assert.That(users, Is.InstanceOf<EntityFrameworkPasskeyStore<TestDbContext>>());
            Assert.That(scope.ServiceProvider.GetRequiredService<IPasskeyCredentialStore>(), Is.SameAs(users));
            Assert.That(scope.ServiceProvider.GetRequiredService<IPasskeyCeremonyStore>(), Is.InstanceOf<EntityFrameworkCeremonyStore<TestDbContext>>());
            Assert.That(scope.ServiceProvider.GetRequiredService<IPasskeyLoginTokenStore>(), Is.InstanceOf<EntityFrameworkLoginTokenStore<TestDbContext>>());
            Assert.That(provider.GetServices<IHostedService>().OfType<PasskeyStoreSweeper>().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void The_apps_own_store_registration_wins()
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        services.AddSingleton<IPasskeyCeremonyStore>(new InMemoryCeremonyStore(TimeProvider.System));
        new PasskeysBuilder(services).AddEntityFrameworkStores<TestDbContext>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IPasskeyCeremonyStore>(), Is.InstanceOf<InMemoryCeremonyStore>());
    }

    [Test]
    public void A_sweep_interval_that_is_not_positive_fails_with_a_sentence_that_says_what_to_change()
    {
        var services = new ServiceCollection();
        services.AddDbContext<TestDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        new PasskeysBuilder(services).AddEntityFrameworkStores<TestDbContext>(o => o.Interval = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<PasskeyStoreSweeperOptions>>().Value);
        Assert.That(ex!.Message, Does.Contain("Interval must be positive"));
    }
}
