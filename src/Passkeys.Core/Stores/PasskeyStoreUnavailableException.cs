namespace Passkeys.Stores;

/// <summary>
/// The exception a store throws when the database behind it cannot be reached or does not answer in time (a restart,
/// a failover, a network failure), so that the same call may well succeed a little later.
/// </summary>
/// <remarks>
/// <para>
/// A store throws it only where the call either completed or left nothing behind: a write that was cut off is rolled
/// back whole, so no user exists without a passkey and no passkey without its user. Expected refusals stay
/// <see cref="PasskeyStoreResult"/> values; this is for the database being away.
/// </para>
/// <para>
/// The HTTP endpoints answer it with 503 <c>store_unavailable</c> and a <c>Retry-After</c> header, never 500. The
/// Entity Framework Core stores throw it for a transient database failure (a <see cref="System.Data.Common.DbException"/>
/// whose <see cref="System.Data.Common.DbException.IsTransient"/> is set, a timeout, or a retrying execution strategy
/// that ran out of retries), with that failure as the <see cref="Exception.InnerException"/>. A custom store throws
/// it for the same reasons.
/// </para>
/// </remarks>
public sealed class PasskeyStoreUnavailableException : Exception
{
    private const string DefaultMessage = "The passkey store cannot be reached right now; try again shortly.";

    /// <summary>Initializes a new instance of <see cref="PasskeyStoreUnavailableException"/>.</summary>
    public PasskeyStoreUnavailableException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Initializes a new instance of <see cref="PasskeyStoreUnavailableException"/> with a message.</summary>
    /// <param name="message">The message.</param>
    public PasskeyStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of <see cref="PasskeyStoreUnavailableException"/> with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The failure of the database, as its client reported it.</param>
    public PasskeyStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
