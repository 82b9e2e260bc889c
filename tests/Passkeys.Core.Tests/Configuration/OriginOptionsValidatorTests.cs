using System.Buffers.Text;
using CsCheck;
using Passkeys.Configuration;
using Passkeys.Tests.Properties;

namespace Passkeys.Core.Tests.Configuration;

public class OriginOptionsValidatorTests
{
    private static readonly PasskeyOptionsValidator Validator = new();

    private static readonly Gen<string> Label = Gen.String[Gen.Char['a', 'z'], 3, 10];

    private static PasskeyOptions Valid() => new() { RelyingPartyId = "example.com", Origins = ["https://example.com"] };

    private static string Failure(PasskeyOptions options) => Validator.Validate(null, options).FailureMessage ?? string.Empty;

    [Test]
    public void Related_origins_of_up_to_five_site_names_pass_and_a_sixth_is_refused_naming_the_limit()
    {
        // Each case: 1 to 8 distinct site names, each with 1 to 3 origins (subdomains, ports, country suffixes).
        var gen = Label.HashSet[1, 8].SelectMany(names => Gen.Select(
            Gen.OneOf("com", "de", "co.uk", "com.au", "org"), Gen.Int[1, 3]).Array[names.Count]
            .Select(shapes => names.Zip(shapes).SelectMany(p => Enumerable.Range(0, p.Second.Item2)
                .Select(i => i switch
                {
                    0 => $"https://{p.First}.{p.Second.Item1}",
                    1 => $"https://login.{p.First}.{p.Second.Item1}",
                    _ => $"https://{p.First}.{p.Second.Item1}:8443",
                })).ToArray())
            .Select(origins => (Names: names.Count, Origins: origins)));

        Property.Check(nameof(Related_origins_of_up_to_five_site_names_pass_and_a_sixth_is_refused_naming_the_limit), gen, c =>
        {
            var options = Valid();
            options.RelatedOrigins = c.Origins;
            var failure = Failure(options);
            if (c.Names <= 5)
            {
                Assert.That(failure, Is.Empty, string.Join(" ", c.Origins));
            }
            else
            {
                Assert.That(failure, Does.Contain("Passkeys:RelatedOrigins spans").And.Contain("at most 5"), string.Join(" ", c.Origins));
            }
        }, iterations: 200, print: c => string.Join(" ", c.Origins));
    }

    [TestCase("http://example.co.uk", "only on https origins")]
    [TestCase("https://example.co.uk/login", "is not an origin")]
    [TestCase("https://example.co.uk/", "is not an origin")]
    [TestCase("https://example.co.uk?x=1", "is not an origin")]
    [TestCase("https://example.co.uk#top", "is not an origin")]
    [TestCase("https://user@example.co.uk", "is not an origin")]
    [TestCase("example.co.uk", "is not an origin")]
    [TestCase("https://login.example.com", "list it in Passkeys:Origins instead")]
    [TestCase("https://example.com", "list it in Passkeys:Origins instead")]
    public void A_bad_related_origin_is_refused_with_a_reason(string origin, string reason)
    {
        var options = Valid();
        options.RelatedOrigins = [origin];
        Assert.That(Failure(options), Does.Contain($"'{origin}'").And.Contain(reason));
    }

    [TestCase("https://example.co.uk", "https://example.co.uk")]
    [TestCase("https://example.co.uk", "https://EXAMPLE.co.uk")]
    [TestCase("https://example.co.uk", "https://example.co.uk:443")]
    public void A_related_origin_listed_twice_is_refused(string first, string second)
    {
        var options = Valid();
        options.RelatedOrigins = [first, second];
        Assert.That(Failure(options), Does.Contain("twice"));
    }

    [Test]
    public void Http_related_origins_pass_only_on_localhost()
    {
        var options = new PasskeyOptions { RelyingPartyId = "example.com", Origins = ["https://example.com"], RelatedOrigins = ["http://other.localhost:5000"] };
        Assert.That(Failure(options), Is.Empty);
    }

    [Test]
    public void An_origin_outside_the_relying_party_id_points_to_related_origins()
    {
        var options = Valid();
        options.Origins.Add("https://example.co.uk");
        Assert.That(Failure(options), Does.Contain("Passkeys:RelatedOrigins"));
    }

    [Test]
    public void Android_origins_of_any_sha256_pass_and_every_other_shape_is_refused()
    {
        var gen = Gen.Byte.Array[32].SelectMany(hash => Gen.Int[0, 6].Select(mutation => (Hash: hash, Mutation: mutation)));
        Property.Check(nameof(Android_origins_of_any_sha256_pass_and_every_other_shape_is_refused), gen, c =>
        {
            var encoded = Base64Url.EncodeToString(c.Hash);
            var origin = c.Mutation switch
            {
                0 => "android:apk-key-hash:" + encoded,
                1 => "android:apk-key-hash:" + encoded + "=",                          // padded
                2 => "android:apk-key-hash:" + encoded[..^1],                          // 42 characters
                3 => "android:apk-key-hash:" + Convert.ToBase64String([.. c.Hash, 0xfb]),               // 33 bytes, 44 characters
                4 => "android:apk-key-hash:" + Base64Url.EncodeToString([.. c.Hash, .. c.Hash]), // SHA-512 length
                5 => "android:apk-key-sha1:" + encoded,
                _ => "android:apk-key-hash:" + encoded.Replace(encoded[0], '+'),
            };
            var options = Valid();
            options.Origins.Add(origin);
            var failure = Failure(options);
            if (c.Mutation == 0)
            {
                Assert.That(failure, Is.Empty, origin);
            }
            else
            {
                Assert.That(failure, Does.Contain("android:apk-key-hash:' followed by the base64url"), origin);
            }
        }, iterations: 300, print: c => $"{Convert.ToHexString(c.Hash)} #{c.Mutation}");
    }
}
