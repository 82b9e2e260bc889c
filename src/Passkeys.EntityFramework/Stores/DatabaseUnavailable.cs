using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Passkeys.Stores;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// Tells a database that is away (restarting, failing over, out of reach) from a refused or broken statement, and
/// turns the first into <see cref="PasskeyStoreUnavailableException"/>, which the endpoints answer with 503.
/// </summary>
/// <remarks>
/// The provider's own word decides, through <see cref="DbException.IsTransient"/> (Npgsql sets it for a refused or
/// broken connection, a server shutting down or starting, a timeout; SQLite for a busy database), so the library needs
/// no provider package. A retrying execution strategy that gives up throws <see cref="RetryLimitExceededException"/>;
/// Npgsql's default strategy wraps a transient failure in an <see cref="InvalidOperationException"/>: the causes
/// are searched too.
/// </remarks>
internal static class DatabaseUnavailable
{
    public static bool Is(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            return false;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RetryLimitExceededException or TimeoutException or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    public static PasskeyStoreUnavailableException Exception(Exception cause)
        => new("The passkey database cannot be reached or did not answer in time; try again shortly.", cause);

    /// <summary>Awaits one statement, turning a database that is away into <see cref="PasskeyStoreUnavailableException"/>.</summary>
    public static async Task<T> Translate<T>(Task<T> statement)
    {
        try
        {
            return await statement.ConfigureAwait(false);
        }
        catch (Exception e) when (Is(e))
        {
            throw Exception(e);
        }
    }
}
