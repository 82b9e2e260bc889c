using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore;

/// <summary>
/// Describes a deleted account to <see cref="PasskeyEvents.OnAccountDeleted"/>.
/// </summary>
/// <param name="httpContext">The request.</param>
/// <param name="user">The user whose account was deleted, as it was stored.</param>
/// <param name="credentials">The passkeys deleted with the account.</param>
public sealed class PasskeyAccountDeletedContext(HttpContext httpContext, PasskeyUser user, IReadOnlyList<PasskeyCredential> credentials)
{
    /// <summary>Gets the request.</summary>
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>Gets the user whose account was deleted, as it was stored; the store no longer has it.</summary>
    public PasskeyUser User { get; } = user;

    /// <summary>Gets the passkeys deleted with the account.</summary>
    public IReadOnlyList<PasskeyCredential> Credentials { get; } = credentials;
}
