namespace Passkeys;

/// <summary>
/// Describes an expected failure of a ceremony.
/// </summary>
/// <param name="Code">The stable code from <see cref="PasskeyErrorCodes"/>.</param>
/// <param name="Message">A sentence for developers; never shown to end users as is and never holding secrets.</param>
public sealed record PasskeyError(string Code, string Message);
