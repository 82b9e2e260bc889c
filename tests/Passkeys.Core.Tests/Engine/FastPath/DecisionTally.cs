namespace Passkeys.Core.Tests.Engine.FastPath;

/// <summary>
/// Counts the differential test's decisions for one category.
/// </summary>
internal sealed class DecisionTally
{
    public int Total { get; private set; }

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    public int Delegated { get; private set; }

    public void Add(string fido2, string fast)
    {
        Total++;
        if (fast == AssertionOracle.DelegatedToFido2)
        {
            Delegated++;
        }

        if (fido2 == AssertionOracle.Accepted)
        {
            Accepted++;
        }
        else
        {
            Rejected++;
        }
    }

    public override string ToString() => $"{Total,5} cases: {Accepted,5} accepted, {Rejected,5} rejected ({Delegated} left to Fido2)";
}
