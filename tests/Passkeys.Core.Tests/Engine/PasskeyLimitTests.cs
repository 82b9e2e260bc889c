namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// One user may have at most <see cref="PasskeyOptions.MaxPasskeysPerUser"/> passkeys: a signed-in session cannot
/// write rows (and send notices) without end.
/// </summary>
public class PasskeyLimitTests
{
    private EngineHarness _harness = null!;
    private string _userId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _harness = new EngineHarness(o => o.MaxPasskeysPerUser = 3);
        _userId = (await _harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "alice")).User.Id;
    }

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public async Task Adding_up_to_the_limit_succeeds_and_one_more_is_refused_before_a_ceremony_starts()
    {
        Assert.That((await AddAsync()).Succeeded, Is.True);
        Assert.That((await AddAsync()).Succeeded, Is.True);

        var refused = await _harness.Engine.BeginAddCredentialAsync(_userId);

        Assert.That(refused.Error?.Code, Is.EqualTo(PasskeyErrorCodes.TooManyPasskeys));
        Assert.That(refused.Error?.Message, Does.Contain("at most 3"));
        Assert.That(await _harness.Credentials.ListByUserAsync(_userId, default), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Ceremonies_started_below_the_limit_store_only_up_to_it()
    {
        var first = await _harness.Engine.BeginAddCredentialAsync(_userId);
        var second = await _harness.Engine.BeginAddCredentialAsync(_userId);
        var third = await _harness.Engine.BeginAddCredentialAsync(_userId);

        var codes = new List<string?>();
        foreach (var start in new[] { first, second, third })
        {
            var result = await _harness.Engine.CompleteAddCredentialAsync(start.Value!.CeremonyId, _userId, CeremonyDriver.NewAuthenticator().CreateCredential(start.Value.OptionsJson));
            codes.Add(result.Error?.Code);
        }

        Assert.That(codes, Is.EqualTo(new[] { null, null, PasskeyErrorCodes.TooManyPasskeys }));
        Assert.That(await _harness.Credentials.ListByUserAsync(_userId, default), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Deleting_a_passkey_at_the_limit_makes_room_for_another()
    {
        await AddAsync();
        var added = await AddAsync();
        Assert.That((await _harness.Engine.BeginAddCredentialAsync(_userId)).Succeeded, Is.False);

        await _harness.Credentials.DeleteAsync(_userId, added.Value!.Credential.CredentialId, allowLast: false, default);

        Assert.That((await AddAsync()).Succeeded, Is.True);
    }

    private async Task<PasskeyResult<PasskeyRegistration>> AddAsync()
    {
        var start = await _harness.Engine.BeginAddCredentialAsync(_userId);
        Assert.That(start.Succeeded, Is.True, start.Error?.Code);
        return await _harness.Engine.CompleteAddCredentialAsync(start.Value!.CeremonyId, _userId, CeremonyDriver.NewAuthenticator().CreateCredential(start.Value.OptionsJson));
    }
}
