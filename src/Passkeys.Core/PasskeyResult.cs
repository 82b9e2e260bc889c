using System.Diagnostics.CodeAnalysis;

namespace Passkeys;

/// <summary>
/// The outcome of a ceremony step: a value on success, a <see cref="PasskeyError"/> otherwise.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
public sealed class PasskeyResult<T>
    where T : class
{
    private PasskeyResult(T? value, PasskeyError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the step succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>Gets the value when the step succeeded.</summary>
    public T? Value { get; }

    /// <summary>Gets the error when the step failed.</summary>
    public PasskeyError? Error { get; }

    /// <summary>Creates a successful result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static PasskeyResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>Creates a failed result.</summary>
    /// <param name="code">The code from <see cref="PasskeyErrorCodes"/>.</param>
    /// <param name="message">A sentence for developers.</param>
    /// <returns>The result.</returns>
    public static PasskeyResult<T> Failure(string code, string message) => new(null, new PasskeyError(code, message));

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static PasskeyResult<T> Failure(PasskeyError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
