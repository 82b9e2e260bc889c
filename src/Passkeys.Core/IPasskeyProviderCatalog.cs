namespace Passkeys;

/// <summary>
/// Names the provider of a passkey from its AAGUID, for account pages, emails and the default name of a new passkey.
/// </summary>
/// <remarks>
/// The default catalogue, registered by <c>AddPasskeysCore()</c> and <c>AddPasskeys()</c>, is the community list of
/// passkey provider AAGUIDs embedded in this package with the entries of <see cref="PasskeyProviderOptions.Providers"/>
/// over it. Register an implementation of your own before or after to replace it. A name is for people only: an
/// AAGUID is chosen by the authenticator and proves nothing without attestation, so never decide anything by it.
/// </remarks>
public interface IPasskeyProviderCatalog
{
    /// <summary>
    /// Finds the provider of passkeys with an AAGUID.
    /// </summary>
    /// <param name="aaguid">The AAGUID of the passkey's authenticator model.</param>
    /// <returns>
    /// The provider, or <see langword="null"/> for the all-zero AAGUID and unknown ones (show
    /// <see cref="PasskeyProvider.Unknown"/>, "Passkey", then; never a guess).
    /// </returns>
    PasskeyProvider? Find(Guid aaguid);
}
