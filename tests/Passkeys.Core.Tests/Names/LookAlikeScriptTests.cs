using Passkeys.Core.Tests.Engine;

namespace Passkeys.Core.Tests.Names;

/// <summary>
/// A new user name or email that mixes Latin, Greek and Cyrillic letters is refused, so <c>аlice</c> (Cyrillic а)
/// cannot pass for <c>alice</c>; a name in one script (of these or any other) is accepted.
/// </summary>
public class LookAlikeScriptTests
{
    // Letters that look like Latin ones, with the Latin letter each stands in for.
    private static readonly (char Latin, char LookAlike)[] Homoglyphs =
    [
        ('a', '\u0430'), ('c', '\u0441'), ('e', '\u0435'), ('i', '\u0456'), ('j', '\u0458'), ('o', '\u043E'),
        ('p', '\u0440'), ('s', '\u0455'), ('x', '\u0445'), ('y', '\u0443'), ('o', '\u03BF'), ('v', '\u03BD'),
        ('i', '\u03B9'), ('k', '\u03BA'), ('u', '\u03C5'), ('h', '\u04BB'),
    ];

    private EngineHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new EngineHarness();

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public async Task A_latin_name_with_any_one_letter_swapped_for_its_greek_or_cyrillic_look_alike_is_refused()
    {
        var random = new Random(8265);
        var refused = 0;
        for (var i = 0; i < 300; i++)
        {
            var (latin, lookAlike) = Homoglyphs[random.Next(Homoglyphs.Length)];
            var name = LatinName(random, latin);
            var at = name.IndexOf(latin, StringComparison.Ordinal);
            var spoof = name[..at] + lookAlike + name[(at + 1)..];

            var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(spoof));
            var asEmail = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("someone" + i, Email: spoof + "@example.com"));

            Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidUserName), spoof);
            Assert.That(asEmail.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidEmail), spoof);
            Assert.That((await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(name))).Succeeded, Is.True, name);
            refused++;
        }

        Assert.That(refused, Is.EqualTo(300));
    }

    [TestCase("алиса")]
    [TestCase("αλίκη")]
    [TestCase("josé.müller")]
    [TestCase("łukasz_2")]
    [TestCase("田中太郎")]
    [TestCase("tanaka田中")]
    [TestCase("ｇｒａｃｅ")]
    public async Task A_name_in_one_of_these_scripts_or_another_is_accepted(string userName)
    {
        var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName));
        Assert.That(result.Succeeded, Is.True, result.Error?.Message);
    }

    [TestCase("Ωmega")]
    [TestCase("ΑΛΙCE")]
    [TestCase("Иван.ivanov")]
    public async Task A_name_mixing_them_is_refused_even_without_a_look_alike(string userName)
    {
        var result = await _harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest(userName));
        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.InvalidUserName));
    }

    // A name of Latin letters and digits that contains the given letter.
    private static string LatinName(Random random, char mustContain)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = Enumerable.Range(0, random.Next(3, 12)).Select(_ => letters[random.Next(letters.Length)]).ToList();
        chars.Insert(random.Next(chars.Count + 1), mustContain);
        return new string([.. chars]);
    }
}
