using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Passkeys.EntityFramework.Tests.Databases;
using Passkeys.Stores;
using Passkeys.Testing;

namespace Passkeys.EntityFramework.Tests;

/// <summary>
/// What the EF stores promise beyond the shared store contract, run once per provider. Every caller gets its own
/// service scope (so its own context and connection), the way requests on separate nodes would.
/// </summary>
public abstract partial class EntityFrameworkStoreTests
{
    private const int ParallelCallers = 50;

    private ServiceProvider _services = null!;

    protected ITestDatabase Database { get; private set; } = null!;

    protected CommandRecorder Recorder { get; } = new();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero));

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        Database = await CreateDatabaseCoreAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Recorder);
        services.AddDbContext<TestDbContext>((sp, o) => Database.Configure(o.AddInterceptors(sp.GetRequiredService<CommandRecorder>())));
        new PasskeysBuilder(services).AddEntityFrameworkStores<TestDbContext>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    protected abstract Task<ITestDatabase> CreateDatabaseCoreAsync();

    [TestCase(false, TestName = "A_whole_sign_up_and_sign_in_runs_through_the_engine_on_this_provider")]
    [TestCase(true, TestName = "A_whole_sign_up_and_sign_in_runs_through_the_engine_with_ceremonies_in_memory")]
    public async Task A_whole_sign_up_and_sign_in_runs_through_the_engine(bool inMemoryCeremonies)
    {
        var recorder = new CommandRecorder();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddDbContext<TestDbContext>(o => Database.Configure(o.AddInterceptors(recorder)));
        var passkeys = services.AddPasskeysCore(o =>
        {
            o.RelyingPartyId = "localhost";
            o.Origins = ["https://localhost"];
        }).AddEntityFrameworkStores<TestDbContext>();
        if (inMemoryCeremonies)
        {
            passkeys.AddInMemoryCeremonies();
        }

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var authenticator = new SoftwareAuthenticator { Origin = "https://localhost" };
        var userName = "user" + Guid.NewGuid().ToString("N")[..12];

        PasskeyRegistration registered;
        using (var scope = provider.CreateScope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<PasskeyEngine>();
            var start = await engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName, Email: userName + "@example.com"));
            var result = await engine.CompleteRegistrationAsync(start.Value!.CeremonyId, authenticator.CreateCredential(start.Value.OptionsJson));
            Assert.That(result.Succeeded, Is.True, result.Error?.Code);
            registered = result.Value!;
        }

        Time.Advance(TimeSpan.FromMinutes(1));
        foreach (var name in new[] { userName.ToUpperInvariant(), null })
        {
            using var scope = provider.CreateScope();
            var engine = scope.ServiceProvider.GetRequiredService<PasskeyEngine>();
            recorder.Clear();
            var start = await engine.BeginAuthenticationAsync(name);
            var assertion = authenticator.GetAssertion(start.Value!.OptionsJson);
            var beginCommands = recorder.Commands;
            recorder.Clear();
            var login = await engine.CompleteAuthenticationAsync(start.Value.CeremonyId, assertion);
            var commands = recorder.Commands;
            var replay = await engine.CompleteAuthenticationAsync(start.Value.CeremonyId, assertion);

            Assert.That(login.Value?.User.Id, Is.EqualTo(registered.User.Id), login.Error?.Code);
            Assert.That(replay.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ChallengeNotFound));
            Assert.That(beginCommands.Concat(commands).Count(c => c.Contains("PasskeyCeremonies", StringComparison.Ordinal)), Is.EqualTo(inMemoryCeremonies ? 0 : 2),
                "a ceremony is saved and taken in the database unless it is kept in memory");
            Assert.That(commands.Where(c => !c.Contains("PasskeyCeremonies", StringComparison.Ordinal)).Select(c => c.TrimStart()[..6].ToUpperInvariant()),
                Is.EqualTo(new[] { "SELECT", "UPDATE" }), "verifying a sign-in reads the credential with its owner once and writes once");
        }

        using (var scope = provider.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IPasskeyCredentialStore>().FindByIdAsync(authenticator.Credentials[0].Id, default);
            Assert.That(stored!.SignCount, Is.EqualTo(2));
            Assert.That(stored.LastUsedAt, Is.EqualTo(Time.GetUtcNow()));
        }
    }

    [Test]
    public async Task Ceremony_is_taken_by_exactly_one_of_50_parallel_callers()
    {
        for (var round = 0; round < 3; round++)
        {
            var ceremony = NewCeremony(TimeSpan.FromMinutes(5));
            await InScopeAsync<IPasskeyCeremonyStore>(s => s.SaveAsync(ceremony, default));

            var taken = await RaceAsync<IPasskeyCeremonyStore, PasskeyCeremony?>(s => s.TakeAsync(ceremony.Id, default));

            Assert.That(taken.Count(c => c is not null), Is.EqualTo(1), $"callers that got the ceremony in round {round}");
            var winner = taken.Single(c => c is not null)!;
            Assert.Multiple(() =>
            {
                Assert.That(winner.Id, Is.EqualTo(ceremony.Id));
                Assert.That(winner.OptionsJson, Is.EqualTo(ceremony.OptionsJson));
                Assert.That(winner.ExpiresAt, Is.EqualTo(ceremony.ExpiresAt));
                Assert.That(winner.UserId, Is.EqualTo(ceremony.UserId));
                Assert.That(winner.Email, Is.EqualTo(ceremony.Email));
                Assert.That(winner.Kind, Is.EqualTo(ceremony.Kind));
            });
        }
    }

    [Test]
    public async Task Login_token_is_taken_by_exactly_one_of_50_parallel_callers()
    {
        for (var round = 0; round < 3; round++)
        {
            var token = new PasskeyLoginToken(RandomNumberGenerator.GetBytes(32), "user-" + Guid.NewGuid(), Time.GetUtcNow().AddMinutes(15))
            {
                BrowserBindingHash = RandomNumberGenerator.GetBytes(32),
            };
            await InScopeAsync<IPasskeyLoginTokenStore>(s => s.SaveAsync(token, default));

            var taken = await RaceAsync<IPasskeyLoginTokenStore, PasskeyLoginToken?>(s => s.TakeAsync(token.TokenHash.ToArray(), default));

            Assert.That(taken.Count(t => t is not null), Is.EqualTo(1), $"callers that got the token in round {round}");
            var winner = taken.Single(t => t is not null)!;
            Assert.Multiple(() =>
            {
                Assert.That(winner.TokenHash, Is.EqualTo(token.TokenHash));
                Assert.That(winner.UserId, Is.EqualTo(token.UserId));
                Assert.That(winner.BrowserBindingHash, Is.EqualTo(token.BrowserBindingHash));
                Assert.That(winner.ExpiresAt, Is.EqualTo(token.ExpiresAt));
            });
        }
    }

    [Test]
    public async Task Expired_ceremony_is_not_returned_and_its_row_is_gone()
    {
        var ceremony = NewCeremony(TimeSpan.FromSeconds(30));
        await InScopeAsync<IPasskeyCeremonyStore>(s => s.SaveAsync(ceremony, default));
        Time.Advance(TimeSpan.FromSeconds(30));

        var taken = await InScopeAsync<IPasskeyCeremonyStore, PasskeyCeremony?>(s => s.TakeAsync(ceremony.Id, default));

        Assert.That(taken, Is.Null);
        Assert.That(await CountAsync<PasskeyCeremonyEntity>(c => c.Id == ceremony.Id), Is.Zero);
    }

    [Test]
    public async Task RemoveExpired_sweeps_expired_ceremonies_and_tokens_in_SQL_and_keeps_live_ones()
    {
        await ClearAsync();
        var now = Time.GetUtcNow();
        var expired = new[] { NewCeremony(TimeSpan.FromSeconds(-1)), NewCeremony(TimeSpan.Zero) };
        var live = NewCeremony(TimeSpan.FromTicks(1));
        var expiredToken = new PasskeyLoginToken(RandomNumberGenerator.GetBytes(32), "u", now);
        var liveToken = new PasskeyLoginToken(RandomNumberGenerator.GetBytes(32), "u", now.AddMinutes(1));
        foreach (var ceremony in expired.Append(live))
        {
            await InScopeAsync<IPasskeyCeremonyStore>(s => s.SaveAsync(ceremony, default));
        }

        await InScopeAsync<IPasskeyLoginTokenStore>(s => s.SaveAsync(expiredToken, default));
        await InScopeAsync<IPasskeyLoginTokenStore>(s => s.SaveAsync(liveToken, default));

        var ceremonies = await InScopeAsync<IPasskeyCeremonyStore, int>(s => s.RemoveExpiredAsync(default));
        var tokens = await InScopeAsync<IPasskeyLoginTokenStore, int>(s => s.RemoveExpiredAsync(default));

        Assert.Multiple(async () =>
        {
            Assert.That(ceremonies, Is.EqualTo(2));
            Assert.That(tokens, Is.EqualTo(1));
            Assert.That(await InScopeAsync<IPasskeyCeremonyStore, PasskeyCeremony?>(s => s.TakeAsync(live.Id, default)), Is.Not.Null);
            Assert.That(await InScopeAsync<IPasskeyLoginTokenStore, PasskeyLoginToken?>(s => s.TakeAsync(liveToken.TokenHash, default)), Is.Not.Null);
        });
    }

    [Test]
    public async Task Sweeper_deletes_expired_rows_when_its_interval_passes()
    {
        await ClearAsync();
        var ceremony = NewCeremony(TimeSpan.FromMinutes(1));
        await InScopeAsync<IPasskeyCeremonyStore>(s => s.SaveAsync(ceremony, default));
        var options = Options.Create(new PasskeyStoreSweeperOptions { Interval = TimeSpan.FromMinutes(5) });
        using var sweeper = new PasskeyStoreSweeper(
            _services.GetRequiredService<IServiceScopeFactory>(), options, Time, NullLogger<PasskeyStoreSweeper>.Instance);
        await sweeper.StartAsync(default);
        try
        {
            // Since .NET 10 ExecuteAsync starts on the thread pool, so the timer may not exist yet: keep advancing.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await CountAsync<PasskeyCeremonyEntity>(c => c.Id == ceremony.Id) > 0 && DateTime.UtcNow < deadline)
            {
                Time.Advance(TimeSpan.FromMinutes(5));
                await Task.Delay(20);
            }

            Assert.That(await CountAsync<PasskeyCeremonyEntity>(c => c.Id == ceremony.Id), Is.Zero);
        }
        finally
        {
            await sweeper.StopAsync(default);
        }
    }

    [Test]
    public async Task Deleting_a_user_deletes_their_credentials()
    {
        var user = NewUser();
        var first = NewCredential(user.Id);
        var second = NewCredential(user.Id);
        var other = NewUser();
        var othersCredential = NewCredential(other.Id);
        await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(user, first, default));
        await InScopeAsync<IPasskeyCredentialStore, PasskeyStoreResult>(s => s.AddAsync(second, default));
        await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(other, othersCredential, default));

        var result = await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.DeleteAsync(user.Id, default));

        Assert.Multiple(async () =>
        {
            Assert.That(result, Is.EqualTo(PasskeyStoreResult.Success));
            Assert.That(await CountAsync<PasskeyCredentialEntity>(c => c.UserId == user.Id), Is.Zero, "the user's credentials");
            Assert.That(await CountAsync<PasskeyCredentialEntity>(c => c.UserId == other.Id), Is.EqualTo(1), "another user's credential");
            Assert.That(await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.DeleteAsync(user.Id, default)), Is.EqualTo(PasskeyStoreResult.NotFound));
        });
    }

    [Test]
    public async Task Unique_violations_on_sign_up_become_results_and_write_nothing()
    {
        var existing = NewUser(email: $"taken-{Guid.NewGuid():N}@example.com");
        var existingCredential = NewCredential(existing.Id);
        await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(existing, existingCredential, default));

        var sameName = NewUser(existing.UserName.ToUpperInvariant());
        var sameEmail = NewUser(email: existing.Email!.ToUpperInvariant());
        var sameCredential = NewUser();

        var results = new[]
        {
            await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(sameName, NewCredential(sameName.Id), default)),
            await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(sameEmail, NewCredential(sameEmail.Id), default)),
            await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(
                sameCredential, NewCredential(sameCredential.Id, existingCredential.CredentialId), default)),
        };

        Assert.That(results, Is.EqualTo(new[] { PasskeyStoreResult.UserNameTaken, PasskeyStoreResult.EmailTaken, PasskeyStoreResult.DuplicateCredential }));
        foreach (var refused in new[] { sameName, sameEmail, sameCredential })
        {
            Assert.That(await CountAsync<PasskeyUserEntity>(u => u.Id == refused.Id), Is.Zero, "a refused user row");
            Assert.That(await CountAsync<PasskeyCredentialEntity>(c => c.UserId == refused.Id), Is.Zero, "a refused credential row");
        }
    }

    [Test]
    public async Task Sign_up_writes_in_the_apps_own_transaction_and_rolls_back_with_it()
    {
        var rolledBack = NewUser();
        var committed = NewUser();
        await using (var scope = _services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<IPasskeyUserStore>();
            await using (var transaction = await context.Database.BeginTransactionAsync())
            {
                Assert.That(await users.CreateAsync(rolledBack, NewCredential(rolledBack.Id), default), Is.EqualTo(PasskeyStoreResult.Success));
                await transaction.RollbackAsync();
            }

            await using (var transaction = await context.Database.BeginTransactionAsync())
            {
                Assert.That(await users.CreateAsync(committed, NewCredential(committed.Id), default), Is.EqualTo(PasskeyStoreResult.Success));
                await transaction.CommitAsync();
            }
        }

        Assert.That(await CountAsync<PasskeyUserEntity>(u => u.Id == rolledBack.Id) + await CountAsync<PasskeyCredentialEntity>(c => c.UserId == rolledBack.Id), Is.Zero);
        Assert.That(await CountAsync<PasskeyUserEntity>(u => u.Id == committed.Id) + await CountAsync<PasskeyCredentialEntity>(c => c.UserId == committed.Id), Is.EqualTo(2));
    }

    [Test]
    public async Task Sign_up_works_with_a_retrying_execution_strategy()
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        Database.ConfigureRetrying(options);
        await using var context = new TestDbContext(options.Options);
        var store = new Stores.EntityFrameworkPasskeyStore<TestDbContext>(context);
        var user = NewUser();
        var again = NewUser(user.UserName);

        Assert.That(await store.CreateAsync(user, NewCredential(user.Id), default), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await store.CreateAsync(again, NewCredential(again.Id), default), Is.EqualTo(PasskeyStoreResult.UserNameTaken));
        Assert.That(await CountAsync<PasskeyCredentialEntity>(c => c.UserId == user.Id || c.UserId == again.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Unique_violations_on_update_and_add_become_results()
    {
        var first = NewUser(email: $"a-{Guid.NewGuid():N}@example.com");
        var second = NewUser(email: $"b-{Guid.NewGuid():N}@example.com");
        var firstCredential = NewCredential(first.Id);
        await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(first, firstCredential, default));
        await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(second, NewCredential(second.Id), default));

        var takeName = Copy(second);
        takeName.UserName = first.UserName.ToUpperInvariant();
        var takeEmail = Copy(second);
        takeEmail.Email = first.Email!.ToUpperInvariant();
        var ghost = NewUser();

        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IPasskeyUserStore>();
        var credentials = scope.ServiceProvider.GetRequiredService<IPasskeyCredentialStore>();
        Assert.Multiple(async () =>
        {
            // One scope, one context: a refused write must not poison the next call.
            Assert.That(await users.UpdateAsync(takeName, default), Is.EqualTo(PasskeyStoreResult.UserNameTaken));
            Assert.That(await users.UpdateAsync(takeEmail, default), Is.EqualTo(PasskeyStoreResult.EmailTaken));
            Assert.That(await users.UpdateAsync(ghost, default), Is.EqualTo(PasskeyStoreResult.NotFound));
            Assert.That(await credentials.AddAsync(NewCredential(second.Id, firstCredential.CredentialId), default), Is.EqualTo(PasskeyStoreResult.DuplicateCredential));
            Assert.That(await credentials.AddAsync(NewCredential(ghost.Id), default), Is.EqualTo(PasskeyStoreResult.NotFound));
            Assert.That(await credentials.AddAsync(NewCredential(second.Id), default), Is.EqualTo(PasskeyStoreResult.Success));
            Assert.That((await users.FindByIdAsync(second.Id, default))!.UserName, Is.EqualTo(second.UserName));
        });
        var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        Assert.That(context.ChangeTracker.Entries(), Is.Empty, "entities left tracked by the stores");
    }

    [Test]
    public async Task Only_one_of_50_parallel_sign_ins_moves_the_sign_count()
    {
        var user = NewUser();
        var credential = NewCredential(user.Id, signCount: 7);
        await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(user, credential, default));

        var results = await RaceAsync<IPasskeyCredentialStore, bool>((s, i) =>
        {
            var used = NewCredential(user.Id, credential.CredentialId, signCount: 8 + (uint)i);
            used.LastUsedAt = Time.GetUtcNow().AddSeconds(i);
            used.IsBackedUp = true;
            used.IsUserVerified = true;
            return s.UpdateUsageAsync(used, 7, default);
        });

        Assert.That(results.Count(r => r), Is.EqualTo(1), "sign-ins whose update was saved");
        var winner = Array.IndexOf(results, true);
        var stored = await InScopeAsync<IPasskeyCredentialStore, PasskeyCredential?>(s => s.FindByIdAsync(credential.CredentialId, default));
        Assert.Multiple(() =>
        {
            Assert.That(stored!.SignCount, Is.EqualTo(8 + (uint)winner));
            Assert.That(stored.LastUsedAt, Is.EqualTo(Time.GetUtcNow().AddSeconds(winner)));
            Assert.That(stored.IsBackedUp, Is.True);
            Assert.That(stored.IsUserVerified, Is.True);
        });
    }

    [Test]
    public async Task Concurrent_deletes_never_remove_a_users_last_two_credentials()
    {
        for (var round = 0; round < 5; round++)
        {
            var user = NewUser();
            var first = NewCredential(user.Id);
            var second = NewCredential(user.Id);
            await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(user, first, default));
            await InScopeAsync<IPasskeyCredentialStore, PasskeyStoreResult>(s => s.AddAsync(second, default));
            var ids = new[] { first.CredentialId, second.CredentialId };

            var results = await RaceAsync<IPasskeyCredentialStore, PasskeyStoreResult>(
                (s, i) => s.DeleteAsync(user.Id, ids[i % 2], allowLast: false, default), callers: 2);

            Assert.That(results, Is.EquivalentTo(new[] { PasskeyStoreResult.Success, PasskeyStoreResult.LastCredential }), $"round {round}");
            Assert.That(await CountAsync<PasskeyCredentialEntity>(c => c.UserId == user.Id), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Records_round_trip_exactly_and_are_found_by_indexed_keys()
    {
        var user = NewUser(email: $"Mixed.Case-{Guid.NewGuid():N}@Example.com");
        user.DisplayName = "Zoë Ünïcode";
        var credential = new PasskeyCredential(
            RandomNumberGenerator.GetBytes(PasskeysDefaults.MaxCredentialIdLength), user.Id, RandomNumberGenerator.GetBytes(77),
            uint.MaxValue, Guid.NewGuid(), "packed", isBackupEligible: true,
            new DateTimeOffset(2026, 1, 15, 11, 30, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567))
        {
            Transports = ["hybrid", "internal"],
            IsBackedUp = true,
            IsUserVerified = true,
            LastUsedAt = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1),
            Name = "My phone",
        };
        await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(user, credential, default));

        var byName = await InScopeAsync<IPasskeyUserStore, PasskeyUser?>(s => s.FindByNameAsync(user.UserName.ToUpperInvariant(), default));
        var byEmail = await InScopeAsync<IPasskeyUserStore, PasskeyUser?>(s => s.FindByEmailAsync(user.Email!.ToLowerInvariant(), default));
        var byHandle = await InScopeAsync<IPasskeyUserStore, PasskeyUser?>(s => s.FindByUserHandleAsync(user.UserHandle.ToArray(), default));
        var stored = await InScopeAsync<IPasskeyCredentialStore, PasskeyCredential?>(s => s.FindByIdAsync(credential.CredentialId.ToArray(), default));
        var listed = await InScopeAsync<IPasskeyCredentialStore, IReadOnlyList<PasskeyCredential>>(s => s.ListByUserAsync(user.Id, default));

        Assert.Multiple(() =>
        {
            foreach (var found in new[] { byName, byEmail, byHandle })
            {
                Assert.That(found!.Id, Is.EqualTo(user.Id));
                Assert.That(found.UserName, Is.EqualTo(user.UserName));
                Assert.That(found.DisplayName, Is.EqualTo(user.DisplayName));
                Assert.That(found.Email, Is.EqualTo(user.Email));
                Assert.That(found.UserHandle, Is.EqualTo(user.UserHandle));
                Assert.That(found.CreatedAt, Is.EqualTo(user.CreatedAt));
            }

            Assert.That(stored!.CredentialId, Is.EqualTo(credential.CredentialId));
            Assert.That(stored.PublicKey, Is.EqualTo(credential.PublicKey));
            Assert.That(stored.SignCount, Is.EqualTo(uint.MaxValue));
            Assert.That(stored.Aaguid, Is.EqualTo(credential.Aaguid));
            Assert.That(stored.AttestationFormat, Is.EqualTo("packed"));
            Assert.That(stored.IsBackupEligible, Is.True);
            Assert.That(stored.IsBackedUp, Is.True);
            Assert.That(stored.IsUserVerified, Is.True);
            Assert.That(stored.Transports, Is.EqualTo(new[] { "hybrid", "internal" }));
            Assert.That(stored.CreatedAt.UtcTicks, Is.EqualTo(credential.CreatedAt.UtcTicks), "created, to the tick");
            Assert.That(stored.LastUsedAt!.Value.UtcTicks, Is.EqualTo(credential.LastUsedAt.Value.UtcTicks), "last used, to the tick");
            Assert.That(stored.Name, Is.EqualTo("My phone"));
            Assert.That(listed.Select(c => c.CredentialId), Is.EqualTo(new[] { credential.CredentialId }));
        });
    }

    [Test]
    public async Task Many_calls_on_one_scope_leave_nothing_tracked()
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IPasskeyUserStore>();
        var credentials = scope.ServiceProvider.GetRequiredService<IPasskeyCredentialStore>();
        var ceremonies = scope.ServiceProvider.GetRequiredService<IPasskeyCeremonyStore>();
        var user = NewUser();
        var credential = NewCredential(user.Id);
        var ceremony = NewCeremony(TimeSpan.FromMinutes(1));

        await ceremonies.SaveAsync(ceremony, default);
        Assert.That(await ceremonies.TakeAsync(ceremony.Id, default), Is.Not.Null);
        Assert.That(await users.CreateAsync(user, credential, default), Is.EqualTo(PasskeyStoreResult.Success));
        var found = await credentials.FindByIdAsync(credential.CredentialId, default);
        found!.SignCount = 1;
        Assert.That(await credentials.UpdateUsageAsync(found, 0, default), Is.True);
        Assert.That(await credentials.RenameAsync(user.Id, credential.CredentialId, "key", default), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await credentials.DeleteAsync(user.Id, credential.CredentialId, allowLast: false, default), Is.EqualTo(PasskeyStoreResult.LastCredential));
        Assert.That(await credentials.DeleteAsync(user.Id, credential.CredentialId, allowLast: true, default), Is.EqualTo(PasskeyStoreResult.Success));

        var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        Assert.That(context.ChangeTracker.Entries(), Is.Empty);
    }

    [Test]
    public async Task A_sign_in_writes_one_statement_and_a_take_is_one_statement()
    {
        var user = NewUser();
        var credential = NewCredential(user.Id, signCount: 1);
        var ceremony = NewCeremony(TimeSpan.FromMinutes(1));
        await InScopeAsync<IPasskeyUserStore, PasskeyStoreResult>(s => s.CreateAsync(user, credential, default));
        await InScopeAsync<IPasskeyCeremonyStore>(s => s.SaveAsync(ceremony, default));
        credential.SignCount = 2;
        credential.LastUsedAt = Time.GetUtcNow();

        Recorder.Clear();
        await InScopeAsync<IPasskeyCeremonyStore, PasskeyCeremony?>(s => s.TakeAsync(ceremony.Id, default));
        var take = Recorder.Commands;
        Recorder.Clear();
        await InScopeAsync<IPasskeyCredentialStore, bool>(s => s.UpdateUsageAsync(credential, 1, default));
        var update = Recorder.Commands;

        Assert.Multiple(() =>
        {
            Assert.That(take, Has.Count.EqualTo(1), "commands to take a ceremony");
            Assert.That(take[0].TrimStart(), Does.StartWith("DELETE").And.Contain("RETURNING"));
            Assert.That(update, Has.Count.EqualTo(1), "commands to save a sign-in");
            Assert.That(update[0].TrimStart(), Does.StartWith("UPDATE"));
        });
    }

    protected static PasskeyUser NewUser(string? userName = null, string? email = null)
    {
        var id = Guid.NewGuid().ToString("N");
        return new PasskeyUser("user-" + id, RandomNumberGenerator.GetBytes(32), userName ?? "name-" + id, DateTimeOffset.UnixEpoch.AddDays(20000))
        {
            Email = email,
        };
    }

    protected static PasskeyCredential NewCredential(string userId, byte[]? credentialId = null, uint signCount = 0) => new(
        credentialId?.ToArray() ?? RandomNumberGenerator.GetBytes(16), userId, RandomNumberGenerator.GetBytes(77), signCount, Guid.Empty, "none", false,
        DateTimeOffset.UnixEpoch.AddDays(20000));

    protected PasskeyCeremony NewCeremony(TimeSpan lifetime) => new(
        Guid.NewGuid().ToString("N"), PasskeyCeremonyKind.Authentication, "{\"challenge\":\"abc\"}", Time.GetUtcNow() + lifetime)
    {
        UserId = "user-1",
        Email = "a@example.com",
    };

    protected async Task InScopeAsync<TService>(Func<TService, Task> call)
        where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> call)
        where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected async Task<int> CountAsync<TEntity>(System.Linq.Expressions.Expression<Func<TEntity, bool>> predicate)
        where TEntity : class
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<TEntity>().CountAsync(predicate);
    }

    private Task<T[]> RaceAsync<TService, T>(Func<TService, Task<T>> call)
        where TService : notnull
        => RaceAsync<TService, T>((s, _) => call(s));

    // Each caller has its own scope (context and connection); all are released at once.
    private async Task<T[]> RaceAsync<TService, T>(Func<TService, int, Task<T>> call, int callers = ParallelCallers)
        where TService : notnull
    {
        var scopes = Enumerable.Range(0, callers).Select(_ => _services.CreateAsyncScope()).ToArray();
        try
        {
            var stores = scopes.Select(s => s.ServiceProvider.GetRequiredService<TService>()).ToArray();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var calls = stores.Select((store, i) => Task.Run(async () =>
            {
                await start.Task;
                return await call(store, i);
            })).ToArray();
            start.SetResult();
            return await Task.WhenAll(calls);
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }

    private async Task ClearAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        await context.Set<PasskeyCeremonyEntity>().ExecuteDeleteAsync();
        await context.Set<PasskeyLoginTokenEntity>().ExecuteDeleteAsync();
    }

    private static PasskeyUser Copy(PasskeyUser user) => new(user.Id, user.UserHandle, user.UserName, user.CreatedAt)
    {
        DisplayName = user.DisplayName,
        Email = user.Email,
    };
}
