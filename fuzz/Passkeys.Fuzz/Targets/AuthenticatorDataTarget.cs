using Fido2NetLib.Objects;
using Passkeys.Engine.FastPath;

namespace Passkeys.Fuzz.Targets;

/// <summary>
/// <c>authenticator-data</c>: the input is assertion authenticator data. <see cref="AuthenticatorDataReader"/> (and
/// so <see cref="AuthenticatorExtensionsReader"/>) must never throw and must find it well-formed exactly when Fido2's
/// <c>AuthenticatorData.Parse</c> does; then the input goes, signed with valid client data, to the fast path and to
/// Fido2 under every configuration, and they must agree.
/// </summary>
public sealed class AuthenticatorDataTarget : IFuzzTarget
{
    private const int Algorithm = 2;

    public string Name => "authenticator-data";

    public void Run(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        var read = AuthenticatorDataReader.Read(data, out _, out _, out _);
        if (read is not { Outcome: AssertionOutcome.Delegated })
        {
            bool fido2Parses;
            try
            {
                AuthenticatorData.Parse(data);
                fido2Parses = true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                fido2Parses = false;
            }

            if (fido2Parses != read is null)
            {
                throw new FuzzFindingException($"Fido2 {(fido2Parses ? "parses" : "refuses")} the authenticator data, the fast path {(read is null ? "reads it" : $"fails with {read.Value.Error}")}.");
            }
        }

        var clientData = AssertionBench.BrowserClientData().First().Json;
        AssertionBench.CheckAll(AssertionBench.Case(Algorithm, 0, data, clientData, AssertionBench.Sign(Algorithm, data, clientData)));
    }

    public IEnumerable<(string Name, byte[] Input)> Seeds() => AssertionBench.AuthenticatorDataShapes();
}
