namespace Passkeys.AspNetCore;

/// <summary>
/// Lets the app observe what the passkey endpoints do, for auditing or notifications.
/// </summary>
/// <remarks>
/// Each handler runs after the change is stored and before the response is written. An exception from a handler
/// fails the request, so keep handlers short and reliable.
/// </remarks>
public sealed class PasskeyEvents
{
    /// <summary>Gets or sets the handler called after a user is signed in with a passkey.</summary>
    public Func<PasskeyEventContext, Task> OnSignedIn { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Gets or sets the handler called after a user is signed in with an emailed link.</summary>
    public Func<PasskeyEmailSignInContext, Task> OnEmailSignedIn { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Gets or sets the handler called after an owner verifies an address, which becomes the user's email.</summary>
    public Func<PasskeyEmailVerifiedContext, Task> OnEmailVerified { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Gets or sets the handler called after an account is created together with its first passkey.</summary>
    public Func<PasskeyEventContext, Task> OnUserCreated { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Gets or sets the handler called after a signed-in user adds a passkey.</summary>
    public Func<PasskeyEventContext, Task> OnCredentialAdded { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Gets or sets the handler called after a user deletes one of their passkeys.</summary>
    public Func<PasskeyEventContext, Task> OnCredentialDeleted { get; set; } = static _ => Task.CompletedTask;

    /// <summary>
    /// Gets or sets the handler called after a user deletes their account: the user and their passkeys are gone
    /// from the store and every session of theirs has ended.
    /// </summary>
    public Func<PasskeyAccountDeletedContext, Task> OnAccountDeleted { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Gets or sets the handler called when a ceremony or a request to the endpoints is refused.</summary>
    public Func<PasskeyFailureContext, Task> OnFailure { get; set; } = static _ => Task.CompletedTask;
}
