using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Microsoft.Extensions.Options;
using Passkeys.Engine;
using Passkeys.Engine.FastPath;

namespace Passkeys.Core.Tests.Engine.FastPath;

/// <summary>
/// Verifies an <see cref="AssertionCase"/> with Fido2's <c>MakeAssertionAsync</c> (as the engine calls it) and with
/// the fast path, both over the same configuration, and describes each decision as a comparable string.
/// </summary>
internal sealed class AssertionOracle
{
    public const string Accepted = "accepted";
    public const string DelegatedToFido2 = "delegated";

    private readonly Fido2 _fido2;

    public AssertionOracle(Fido2Configuration configuration, PublicKeyCache? keys = null)
    {
        _fido2 = new Fido2(configuration);
        Keys = keys ?? new PublicKeyCache(Options.Create(new PasskeyOptions()));
        Verifier = new AssertionVerifier(configuration, Keys);
    }

    public PublicKeyCache Keys { get; }

    public AssertionVerifier Verifier { get; }

    /// <summary>Fido2's decision: <see cref="Accepted"/>, its error code, or the engine's code for other exceptions.</summary>
    public async Task<string> Fido2DecisionAsync(AssertionCase c)
    {
        try
        {
            await _fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = c.Response,
                OriginalOptions = c.Options,
                StoredPublicKey = c.StoredPublicKey,
                StoredSignatureCounter = c.StoredCounter,
                IsUserHandleOwnerOfCredentialIdCallback = static (_, _) => Task.FromResult(true),
            });
            return Accepted;
        }
        catch (Fido2VerificationException e)
        {
            return Describe(e.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Unreadable(e);
        }
    }

    /// <summary>The fast path's decision, in the same terms, or <see cref="DelegatedToFido2"/>.</summary>
    public string FastDecision(AssertionCase c)
    {
        try
        {
            var result = Verifier.Verify(c.Response, c.Options, c.CredentialId, c.StoredPublicKey, c.StoredCounter);
            return result.Outcome switch
            {
                AssertionOutcome.Verified => Accepted,
                AssertionOutcome.Failed => Describe(result.Error),
                _ => DelegatedToFido2,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Unreadable(e);
        }
    }

    /// <summary>
    /// Whether two decisions agree: the same, left to Fido2 by the fast path, or both malformed_response when either
    /// was an exception (Fido2's other exceptions are malformed responses to the engine).
    /// </summary>
    public static bool Agree(string fido2, string fast)
        => fido2 == fast
            || fast == DelegatedToFido2
            || ((fido2.Contains("(exception", StringComparison.Ordinal) || fast.Contains("(exception", StringComparison.Ordinal))
                && fido2.StartsWith(PasskeyErrorCodes.MalformedResponse, StringComparison.Ordinal)
                && fast.StartsWith(PasskeyErrorCodes.MalformedResponse, StringComparison.Ordinal));

    // Codes that map to malformed_response compare equal to other exceptions, which the engine maps the same way.
    private static string Describe(Fido2ErrorCode code)
        => Fido2ErrorMapper.ToCode(code) == PasskeyErrorCodes.MalformedResponse ? $"{PasskeyErrorCodes.MalformedResponse} ({code})" : code.ToString();

    private static string Unreadable(Exception e) => $"{PasskeyErrorCodes.MalformedResponse} (exception {e.GetType().Name})";
}
