using Microsoft.AspNetCore.Http;

namespace Passkeys.AspNetCore;

/// <summary>
/// Describes a refused passkey operation to <see cref="PasskeyEvents.OnFailure"/>.
/// </summary>
/// <param name="httpContext">The request.</param>
/// <param name="operation">What was attempted: <c>register</c>, <c>login</c>, <c>add-credential</c>, ...</param>
/// <param name="error">The error, with its stable code.</param>
/// <param name="userId">The signed-in user's id, when there is one.</param>
public sealed class PasskeyFailureContext(HttpContext httpContext, string operation, PasskeyError error, string? userId)
{
    /// <summary>Gets the request.</summary>
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>Gets what was attempted: <c>register</c>, <c>login</c>, <c>add-credential</c>, ...</summary>
    public string Operation { get; } = operation;

    /// <summary>Gets the error, with its stable code.</summary>
    public PasskeyError Error { get; } = error;

    /// <summary>Gets the signed-in user's id, or <see langword="null"/>.</summary>
    public string? UserId { get; } = userId;
}
