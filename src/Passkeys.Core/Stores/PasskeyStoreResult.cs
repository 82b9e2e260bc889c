namespace Passkeys.Stores;

/// <summary>
/// The outcome of a store write that the store contract allows to be refused.
/// </summary>
public enum PasskeyStoreResult
{
    /// <summary>The write was made.</summary>
    Success = 0,

    /// <summary>Another user has the user name as their user name or email (see <see cref="PasskeyNameNormalizer"/>).</summary>
    UserNameTaken,

    /// <summary>Another user has the email address as their email or user name (see <see cref="PasskeyNameNormalizer"/>).</summary>
    EmailTaken,

    /// <summary>A credential with the same credential id is already stored.</summary>
    DuplicateCredential,

    /// <summary>The user or credential does not exist (or does not belong to the given user).</summary>
    NotFound,

    /// <summary>The credential is the user's last one and deleting it was not allowed.</summary>
    LastCredential,
}
