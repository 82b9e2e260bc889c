using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine.FastPath;

/// <summary>
/// Holds the assertion fast path to Fido2's decisions: the same thousands of valid and mutated assertions go to
/// both, under the engine's configuration and under stricter and looser ones, and every accept, reject and error
/// code must agree.
/// </summary>
public class AssertionFastPathDifferentialTests
{
    private const int Seed = 20260801;

    [Test]
    public async Task Fast_path_and_Fido2_agree_on_every_valid_and_mutated_assertion()
    {
        var random = new Random(Seed);
        var oracles = AssertionCaseFactory.Configurations.Select(c => (c.Name, Oracle: new AssertionOracle(c.Configuration))).ToArray();
        var categories = new SortedDictionary<string, DecisionTally>(StringComparer.Ordinal);
        var codes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var mismatches = new List<string>();
        var cases = 0;

        foreach (var algorithm in Enum.GetValues<SoftwareKeyAlgorithm>())
        {
            var factory = new AssertionCaseFactory(algorithm);
            foreach (var c in AssertionMutations.All(factory, random))
            {
                cases++;
                foreach (var (name, oracle) in oracles)
                {
                    var fido2 = await oracle.Fido2DecisionAsync(c);
                    var fast = oracle.FastDecision(c);
                    Tally(categories, c.Category).Add(fido2, fast);
                    codes[fido2] = codes.GetValueOrDefault(fido2) + 1;
                    if (!AssertionOracle.Agree(fido2, fast))
                    {
                        mismatches.Add($"{algorithm} [{c.Category}] ({name}): Fido2 {fido2}, fast path {fast}");
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"{cases} assertions x {oracles.Length} configurations = {categories.Values.Sum(t => t.Total)} decisions compared.");
        foreach (var (category, tally) in categories)
        {
            TestContext.Out.WriteLine($"  {category,-55} {tally}");
        }

        TestContext.Out.WriteLine("Fido2's decisions:");
        foreach (var (code, count) in codes)
        {
            TestContext.Out.WriteLine($"  {code,-60} {count,6}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches.Take(60)));
            Assert.That(cases, Is.GreaterThanOrEqualTo(2000));
            Assert.That(categories.Values.Sum(t => t.Total), Is.GreaterThanOrEqualTo(3000));
            Assert.That(categories["valid"].Accepted, Is.GreaterThan(0));
            Assert.That(categories["valid"].Delegated, Is.Zero, "valid assertions never need Fido2");
        });
    }

    private static DecisionTally Tally(SortedDictionary<string, DecisionTally> categories, string category)
    {
        if (!categories.TryGetValue(category, out var tally))
        {
            categories[category] = tally = new DecisionTally();
        }

        return tally;
    }
}
