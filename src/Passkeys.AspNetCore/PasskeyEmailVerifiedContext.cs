using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore;

/// <summary>
/// Describes an address verified by its owner to <see cref="PasskeyEvents.OnEmailVerified"/>.
/// </summary>
/// <param name="httpContext">The request that spent the verification link (it may come from any browser).</param>
/// <param name="user">The user whose <see cref="PasskeyUser.Email"/> the address now is.</param>
/// <param name="previousEmail">The verified address it replaced, or <see langword="null"/> for the account's first.</param>
public sealed class PasskeyEmailVerifiedContext(HttpContext httpContext, PasskeyUser user, string? previousEmail)
{
    /// <summary>Gets the request that spent the verification link.</summary>
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>Gets the user whose email the address now is.</summary>
    public PasskeyUser User { get; } = user;

    /// <summary>Gets the verified address the new one replaced, or <see langword="null"/> for the account's first.</summary>
    public string? PreviousEmail { get; } = previousEmail;
}
