namespace Passkeys.Fuzz;

/// <summary>
/// One fuzz target: code that takes any bytes and either returns or throws. A <see cref="FuzzFindingException"/>
/// (a broken invariant, such as the fast path and Fido2 disagreeing) or any other exception is a crash to afl-fuzz
/// and a failure to the corpus replay test.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>Gets the name given to <c>eng/fuzz.sh</c> and used for <c>fuzz/corpus/&lt;name&gt;/</c>.</summary>
    string Name { get; }

    /// <summary>Runs one input.</summary>
    void Run(ReadOnlySpan<byte> input);

    /// <summary>Generates the seed corpus: valid inputs of every shape the target reads, and a few broken ones.</summary>
    IEnumerable<(string Name, byte[] Input)> Seeds();
}
