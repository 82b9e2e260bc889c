using Passkeys.Engine.FastPath;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine.FastPath;

public class AssertionVerifierConcurrencyTests
{
    [Test]
    public async Task Parallel_verifications_with_one_kept_key_all_succeed([Values] SoftwareKeyAlgorithm algorithm)
    {
        var factory = new AssertionCaseFactory(algorithm);
        var oracle = new AssertionOracle(AssertionCaseFactory.Configuration());
        var cases = Enumerable.Range(0, 48).Select(_ => factory.Signed("valid")).ToArray();
        var forged = cases[0] with { Response = cases[0].Response.WithSignature(cases[1].Response.Response.Signature) };
        oracle.Verifier.Verify(cases[0].Response, cases[0].Options, cases[0].CredentialId, cases[0].StoredPublicKey, 0);

        var outcomes = new AssertionOutcome[cases.Length * 4];
        var forgedOutcomes = new AssertionOutcome[outcomes.Length];
        await Parallel.ForAsync(0, outcomes.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
        {
            var c = cases[i % cases.Length];
            outcomes[i] = oracle.Verifier.Verify(c.Response, c.Options, c.CredentialId, c.StoredPublicKey, 0).Outcome;
            forgedOutcomes[i] = oracle.Verifier.Verify(forged.Response, forged.Options, forged.CredentialId, forged.StoredPublicKey, 0).Outcome;
            return ValueTask.CompletedTask;
        });

        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.All.EqualTo(AssertionOutcome.Verified));
            Assert.That(forgedOutcomes, Is.All.EqualTo(AssertionOutcome.Failed), "a signature over other data never verifies, however many threads");
            Assert.That(oracle.Keys.Imports, Is.EqualTo(1));
        });
    }
}
