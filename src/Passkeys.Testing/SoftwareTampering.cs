using System.Text.Json.Nodes;

namespace Passkeys.Testing;

/// <summary>
/// Changes a <see cref="SoftwareAuthenticator"/> makes to one response, so that a test can present a relying
/// party with exactly one defect at a time.
/// </summary>
/// <remarks>
/// The hooks run in ceremony order: <see cref="RpId"/> and <see cref="AuthenticatorData"/> shape the
/// authenticator data and <see cref="ClientData"/> the client data, all before the signature is computed,
/// so the signature stays valid over the tampered bytes; <see cref="Response"/> runs last, after signing.
/// </remarks>
public sealed class SoftwareTampering
{
    /// <summary>
    /// Gets the relying party id whose SHA-256 hash goes into the authenticator data instead of the one in the options.
    /// </summary>
    public string? RpId { get; init; }

    /// <summary>
    /// Gets an action that edits the client data (<c>type</c>, <c>challenge</c>, <c>origin</c>, <c>crossOrigin</c>, ...)
    /// before it is serialized, hashed and signed.
    /// </summary>
    public Action<JsonObject>? ClientData { get; init; }

    /// <summary>
    /// Gets a function that edits the authenticator data before it is signed and put in the response.
    /// </summary>
    public Func<byte[], byte[]>? AuthenticatorData { get; init; }

    /// <summary>
    /// Gets an action that edits the response JSON (the shape of <c>credential.toJSON()</c>) after signing,
    /// for example to replace the signature, the ids or the user handle.
    /// </summary>
    public Action<JsonObject>? Response { get; init; }
}
