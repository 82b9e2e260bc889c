namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// Which verifier the engine uses for sign-ins; engine fixtures run once with each.
/// </summary>
public enum AssertionPath
{
    /// <summary>The engine's assertion fast path (<see cref="PasskeyOptions.UseAssertionFastPath"/> on).</summary>
    Fast,

    /// <summary>Fido2's <c>MakeAssertionAsync</c> (<see cref="PasskeyOptions.UseAssertionFastPath"/> off).</summary>
    Fido2,
}
