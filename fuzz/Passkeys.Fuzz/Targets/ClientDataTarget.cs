using System.Text.Json;
using Passkeys.Core.Tests.Engine.FastPath;
using Passkeys.Engine.FastPath;

namespace Passkeys.Fuzz.Targets;

/// <summary>
/// <c>client-data</c>: the input is <c>clientDataJSON</c>. <see cref="ClientDataReader"/> may only return or throw a
/// <see cref="JsonException"/>; then the input goes, signed with valid authenticator data, to the fast path and to
/// Fido2 under every configuration, and they must agree.
/// </summary>
public sealed class ClientDataTarget : IFuzzTarget
{
    private const int Algorithm = 2; // EdDSA: deterministic signatures, so a run's coverage depends on the input only.

    private static readonly OriginMatcher Origins = new(AssertionCaseFactory.Configuration());

    public string Name => "client-data";

    public void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            ClientDataReader.TryRead(input, AssertionBench.Challenge, Origins, out _);
        }
        catch (JsonException)
        {
            // The documented refusal: malformed client data.
        }

        var clientData = input.ToArray();
        var authenticatorData = AssertionBench.AuthenticatorData(0x05);
        AssertionBench.CheckAll(AssertionBench.Case(Algorithm, 0, authenticatorData, clientData, AssertionBench.Sign(Algorithm, authenticatorData, clientData)));
    }

    public IEnumerable<(string Name, byte[] Input)> Seeds()
        => AssertionBench.BrowserClientData().Concat([("null", "null"u8.ToArray()), ("bad-utf8", [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])]);
}
