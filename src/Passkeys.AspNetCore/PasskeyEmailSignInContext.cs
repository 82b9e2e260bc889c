using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore;

/// <summary>
/// Describes a sign-in with an emailed link to <see cref="PasskeyEvents.OnEmailSignedIn"/>.
/// </summary>
/// <param name="httpContext">The request.</param>
/// <param name="user">The user who signed in.</param>
public sealed class PasskeyEmailSignInContext(HttpContext httpContext, PasskeyUser user)
{
    /// <summary>Gets the request.</summary>
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>Gets the user who signed in.</summary>
    public PasskeyUser User { get; } = user;
}
