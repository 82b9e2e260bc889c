using Passkeys.Stores.InMemory;
using Passkeys.Testing;

namespace Passkeys.Stores;

/// <summary>
/// Runs the store contract suite against the in-memory stores. One <see cref="InMemoryPasskeyStore"/> serves every
/// test of the fixture (so the suite's fresh-data discipline is exercised too); the ceremony and login token stores
/// take their clock in the constructor, so they are created once per test with that test's clock.
/// </summary>
[TestFixture]
public sealed class InMemoryStoreContractTests : PasskeyStoreContractTests
{
    private readonly InMemoryPasskeyStore _store = new();
    private TimeProvider? _time;
    private InMemoryCeremonyStore? _ceremonies;
    private InMemoryLoginTokenStore? _loginTokens;

    protected override ValueTask<PasskeyStoreSet> CreateStoresAsync(TimeProvider time)
    {
        if (!ReferenceEquals(time, _time))
        {
            _time = time;
            _ceremonies = new InMemoryCeremonyStore(time);
            _loginTokens = new InMemoryLoginTokenStore(time);
        }

        return ValueTask.FromResult(new PasskeyStoreSet(_store, _store, _ceremonies!, _loginTokens!));
    }
}
