using System.Buffers.Text;

namespace Passkeys.Core.Tests;

public class PasskeySecurityStampTests
{
    [Test]
    public void Create_returns_256_random_bits_as_base64url_never_twice_the_same()
    {
        var stamps = Enumerable.Range(0, 10_000).Select(_ => PasskeySecurityStamp.Create()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(stamps.Distinct(StringComparer.Ordinal).Count(), Is.EqualTo(stamps.Count), "distinct stamps");
            Assert.That(stamps.Select(s => Base64Url.DecodeFromChars(s).Length), Is.All.EqualTo(PasskeySecurityStamp.ByteLength));
            Assert.That(stamps.Select(s => s.Length), Is.All.LessThanOrEqualTo(PasskeySecurityStamp.MaxLength));
        });
    }

    [Test]
    public void New_users_get_a_fresh_stamp_each()
    {
        var handle = new byte[32];
        var first = new PasskeyUser("a", handle, "alice", DateTimeOffset.UnixEpoch);
        var second = new PasskeyUser("a", handle, "alice", DateTimeOffset.UnixEpoch);

        Assert.That(first.SecurityStamp, Is.Not.Empty.And.Not.EqualTo(second.SecurityStamp));
    }

    [Test]
    public void A_stamp_cannot_be_set_empty()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => _ = new PasskeyUser("a", new byte[32], "alice", DateTimeOffset.UnixEpoch) { SecurityStamp = string.Empty });
            Assert.Throws<ArgumentNullException>(() => _ = new PasskeyUser("a", new byte[32], "alice", DateTimeOffset.UnixEpoch) { SecurityStamp = null! });
        });
    }

    [Test]
    public void Matches_only_the_same_stamp_character_for_character()
    {
        var random = new Random(20261203);
        for (var i = 0; i < 2_000; i++)
        {
            var stamp = PasskeySecurityStamp.Create();
            var chars = stamp.ToCharArray();
            var at = random.Next(chars.Length);
            chars[at] = chars[at] == 'A' ? 'B' : 'A';
            var oneOff = new string(chars);

            Assert.That(PasskeySecurityStamp.Matches(stamp, new string(stamp.AsSpan())), Is.True, stamp);
            Assert.That(PasskeySecurityStamp.Matches(stamp, oneOff), Is.False, oneOff);
            Assert.That(PasskeySecurityStamp.Matches(stamp, stamp[..^1]), Is.False, "a prefix");
            Assert.That(PasskeySecurityStamp.Matches(stamp, stamp + "A"), Is.False, "a longer stamp");
            Assert.That(PasskeySecurityStamp.Matches(stamp, stamp.ToUpperInvariant()) == (stamp == stamp.ToUpperInvariant()), Is.True, "case counts");
        }
    }

    [TestCase(null, null)]
    [TestCase("", "")]
    [TestCase("stamp", null)]
    [TestCase(null, "stamp")]
    [TestCase("", "stamp")]
    public void Matches_is_false_when_either_stamp_is_missing(string? stored, string? presented)
        => Assert.That(PasskeySecurityStamp.Matches(stored, presented), Is.False);
}
