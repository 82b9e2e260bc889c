using Passkeys.Configuration;

namespace Passkeys.Core.Tests.Configuration;

public class PasskeyOptionsValidatorTests
{
    private static readonly PasskeyOptionsValidator Validator = new();

    private static PasskeyOptions Valid() => new() { RelyingPartyId = "example.com", Origins = ["https://example.com"] };

    [Test]
    public void Valid_options_pass()
    {
        Assert.That(Validator.Validate(null, Valid()).Succeeded, Is.True);
    }

    [Test]
    public void Subdomain_and_localhost_origins_pass()
    {
        var options = Valid();
        options.Origins.Add("https://login.example.com:8443");
        Assert.That(Validator.Validate(null, options).Succeeded, Is.True);

        var local = new PasskeyOptions { RelyingPartyId = "localhost", Origins = ["http://localhost:5000"] };
        Assert.That(Validator.Validate(null, local).Succeeded, Is.True);
    }

    [Test]
    public void Empty_relying_party_id_says_what_to_set()
    {
        var options = Valid();
        options.RelyingPartyId = "";
        var result = Validator.Validate(null, options);
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Passkeys:RelyingPartyId is empty"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(1_000_001)]
    public void A_public_key_cache_size_out_of_range_says_what_to_use(int size)
    {
        var options = Valid();
        options.PublicKeyCacheSize = size;
        var result = Validator.Validate(null, options);
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Passkeys:PublicKeyCacheSize").And.Contain("use 1 to 1000000"));
    }

    [Test]
    public void A_policy_value_no_enum_member_names_is_refused_with_the_names_to_use()
    {
        var options = Valid();
        options.SignCountRegression = (SignCountRegressionPolicy)7;
        options.BackupEligibilityChange = (BackupEligibilityChangePolicy)(-1);
        options.BackupEligibility = (BackupFlagPolicy)3;
        options.BackupState = (BackupFlagPolicy)9;

        var result = Validator.Validate(null, options);

        Assert.That(result.Failures?.Count(), Is.EqualTo(4));
        Assert.That(result.FailureMessage, Does.Contain("Passkeys:BackupEligibilityChange is -1; use one of Reject, AcceptAndUpdate."));
        Assert.That(result.FailureMessage, Does.Contain("Passkeys:SignCountRegression is 7; use one of Reject, AcceptAndFlag, RejectDeviceBound."));
    }

    [TestCase(0)]
    [TestCase(1001)]
    public void A_passkey_limit_out_of_range_says_what_to_use(int limit)
    {
        var options = Valid();
        options.MaxPasskeysPerUser = limit;
        var result = Validator.Validate(null, options);
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Passkeys:MaxPasskeysPerUser").And.Contain("use 1 to 1000"));
    }

    [TestCase("https://example.com")]
    [TestCase("example.com:443")]
    [TestCase("example.com/path")]
    public void Relying_party_id_with_scheme_port_or_path_is_refused(string rpId)
    {
        var options = Valid();
        options.RelyingPartyId = rpId;
        Assert.That(Validator.Validate(null, options).FailureMessage, Does.Contain("must be a bare domain"));
    }

    [Test]
    public void No_origins_is_refused()
    {
        var options = Valid();
        options.Origins.Clear();
        Assert.That(Validator.Validate(null, options).FailureMessage, Does.Contain("Passkeys:Origins is empty"));
    }

    [TestCase("https://evil.com", "is not 'example.com' or a subdomain")]
    [TestCase("https://notexample.com", "is not 'example.com' or a subdomain")]
    [TestCase("http://example.com", "only on https origins")]
    [TestCase("https://example.com/login", "is not an origin")]
    [TestCase("https://example.com/", "is not an origin")]
    [TestCase("example.com", "is not an origin")]
    public void Bad_origin_is_refused_with_a_reason(string origin, string reason)
    {
        var options = Valid();
        options.Origins = [origin];
        Assert.That(Validator.Validate(null, options).FailureMessage, Does.Contain(reason));
    }

    [Test]
    public void Out_of_range_timeout_challenge_and_secret_are_refused()
    {
        var options = Valid();
        options.CeremonyTimeout = TimeSpan.FromHours(1);
        options.ChallengeSize = 8;
        options.DecoySecret = "c2hvcnQ=";
        options.LastUsedRefreshInterval = TimeSpan.FromMinutes(-1);
        var message = Validator.Validate(null, options).FailureMessage;
        Assert.That(message, Does.Contain("CeremonyTimeout").And.Contain("ChallengeSize").And.Contain("DecoySecret").And.Contain("LastUsedRefreshInterval"));
    }
}
