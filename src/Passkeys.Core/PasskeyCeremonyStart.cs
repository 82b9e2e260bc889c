namespace Passkeys;

/// <summary>
/// The start of a ceremony: the options to send to the browser and the id to bind to it.
/// </summary>
/// <param name="CeremonyId">The ceremony id; the host binds it to the browser (an HttpOnly cookie, say).</param>
/// <param name="OptionsJson">
/// The <c>PublicKeyCredentialCreationOptionsJSON</c> or <c>PublicKeyCredentialRequestOptionsJSON</c> to send.
/// </param>
/// <param name="ExpiresAt">When the ceremony stops being accepted.</param>
public sealed record PasskeyCeremonyStart(string CeremonyId, string OptionsJson, DateTimeOffset ExpiresAt);
