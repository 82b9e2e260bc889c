namespace Passkeys.Engine.FastPath;

/// <summary>
/// How the assertion fast path ended.
/// </summary>
internal enum AssertionOutcome
{
    /// <summary>Every step passed.</summary>
    Verified,

    /// <summary>A step failed, with the error code Fido2 gives for it.</summary>
    Failed,

    /// <summary>The response or key is one the fast path leaves to Fido2; verify it with Fido2.</summary>
    Delegated,
}
