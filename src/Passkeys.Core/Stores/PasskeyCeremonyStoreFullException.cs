namespace Passkeys.Stores;

/// <summary>
/// The exception an <see cref="IPasskeyCeremonyStore"/> throws from <see cref="IPasskeyCeremonyStore.SaveAsync"/>
/// when it holds as many ceremonies as it may and none has expired.
/// </summary>
/// <remarks>
/// The engine turns it into the <see cref="PasskeyErrorCodes.TooManyCeremonies"/> failure (a 503 over HTTP), so a
/// full store refuses new ceremonies and never drops one in progress.
/// </remarks>
public sealed class PasskeyCeremonyStoreFullException : InvalidOperationException
{
    /// <summary>Initializes a new instance of <see cref="PasskeyCeremonyStoreFullException"/>.</summary>
    public PasskeyCeremonyStoreFullException()
        : base("The ceremony store is full.")
    {
    }

    /// <summary>Initializes a new instance of <see cref="PasskeyCeremonyStoreFullException"/> with a message.</summary>
    /// <param name="message">The message.</param>
    public PasskeyCeremonyStoreFullException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of <see cref="PasskeyCeremonyStoreFullException"/> with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PasskeyCeremonyStoreFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
