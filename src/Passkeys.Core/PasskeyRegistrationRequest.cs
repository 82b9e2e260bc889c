namespace Passkeys;

/// <summary>
/// What a person gives to create an account.
/// </summary>
/// <param name="UserName">The user name.</param>
/// <param name="DisplayName">The name to show, or <see langword="null"/> to use the user name.</param>
/// <param name="Email">The email address, or <see langword="null"/>.</param>
public sealed record PasskeyRegistrationRequest(string UserName, string? DisplayName = null, string? Email = null);
