namespace Passkeys.Engine.FastPath;

/// <summary>
/// The <c>type</c> member of client data, as far as verification cares.
/// </summary>
internal enum ClientDataType
{
    /// <summary>Missing, null, or a value other than the two below.</summary>
    Other,

    /// <summary><c>webauthn.get</c>.</summary>
    Get,

    /// <summary><c>webauthn.create</c>.</summary>
    Create,
}
