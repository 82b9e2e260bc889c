using Passkeys.Stores;

namespace Passkeys.Testing;

/// <summary>
/// Represents one application node's view of the passkey stores: the four stores a node resolves, over data that
/// other nodes share.
/// </summary>
/// <remarks>
/// <see cref="PasskeyStoreContractTests"/> asks for a new set whenever it plays another node, and disposes every set
/// it was given when the test ends.
/// </remarks>
public sealed class PasskeyStoreSet : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owner;
    private bool _disposed;

    /// <summary>
    /// Initializes a new instance of <see cref="PasskeyStoreSet"/>.
    /// </summary>
    /// <param name="users">The user store.</param>
    /// <param name="credentials">The credential store.</param>
    /// <param name="ceremonies">The ceremony store.</param>
    /// <param name="loginTokens">The login token store.</param>
    /// <param name="owner">
    /// What owns the stores and is disposed with the set, such as a DI scope or a <c>DbContext</c>; or
    /// <see langword="null"/>.
    /// </param>
    public PasskeyStoreSet(
        IPasskeyUserStore users,
        IPasskeyCredentialStore credentials,
        IPasskeyCeremonyStore ceremonies,
        IPasskeyLoginTokenStore loginTokens,
        IAsyncDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(ceremonies);
        ArgumentNullException.ThrowIfNull(loginTokens);

        Users = users;
        Credentials = credentials;
        Ceremonies = ceremonies;
        LoginTokens = loginTokens;
        _owner = owner;
    }

    /// <summary>Gets the user store.</summary>
    public IPasskeyUserStore Users { get; }

    /// <summary>Gets the credential store.</summary>
    public IPasskeyCredentialStore Credentials { get; }

    /// <summary>Gets the ceremony store.</summary>
    public IPasskeyCeremonyStore Ceremonies { get; }

    /// <summary>Gets the login token store.</summary>
    public IPasskeyLoginTokenStore LoginTokens { get; }

    /// <summary>Disposes the owner of the stores, if any. Calling it more than once is harmless.</summary>
    /// <returns>A task that completes when the owner is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_owner is not null)
        {
            await _owner.DisposeAsync();
        }
    }
}
