using System.Globalization;
using CsCheck;

namespace Passkeys.Tests.Properties;

/// <summary>
/// Runs a property over a fixed, repeatable sequence of CsCheck-generated cases, so <c>dotnet test</c> checks the
/// same inputs on every run and machine. A failure names the seed of its case; to replay it first, or to explore
/// other inputs, set <c>PASSKEYS_PROPERTY_SEED</c> (the printed seed, or any CsCheck seed); to run more cases,
/// set <c>PASSKEYS_PROPERTY_SCALE</c> (a multiplier of every property's iteration count, default 1).
/// </summary>
/// <remarks>
/// CsCheck's own <c>Sample</c> draws every case after the first from a per-thread random source, so it cannot give
/// the same run twice; this runner generates each case with <c>Gen.Generate</c> from one seeded <see cref="PCG"/>.
/// A failing case is then handed to CsCheck's <c>Sample</c> with its seed to be shrunk.
/// </remarks>
internal static class Property
{
    public const string SeedVariable = "PASSKEYS_PROPERTY_SEED";
    public const string ScaleVariable = "PASSKEYS_PROPERTY_SCALE";

    private const int ShrinkIterations = 300;
    private const int MaxPrintLength = 2000;

    private static readonly string? SeedOverride = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } seed ? seed : null;

    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    /// <summary>
    /// Checks <c>property</c> for <c>iterations</c> cases (times the scale); <c>name</c>, the property's name,
    /// gives each property its own fixed sequence of cases.
    /// </summary>
    public static void Check<T>(string name, Gen<T> gen, Action<T> property, int iterations, Func<T, string>? print = null)
        => CheckAsync(name, gen, value =>
        {
            property(value);
            return Task.CompletedTask;
        }, iterations, print, shrink: seed =>
        {
            gen.Sample(property, seed: seed, iter: ShrinkIterations, threads: 1, print: print);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    /// <summary>Checks an asynchronous <c>property</c> for <c>iterations</c> cases (times the scale), as above.</summary>
    public static Task CheckAsync<T>(string name, Gen<T> gen, Func<T, Task> property, int iterations, Func<T, string>? print = null)
        => CheckAsync(name, gen, property, iterations, print, shrink: seed => gen.SampleAsync(property, seed: seed, iter: ShrinkIterations / 10, threads: 1, print: print));

    private static async Task CheckAsync<T>(string name, Gen<T> gen, Func<T, Task> property, int iterations, Func<T, string>? print, Func<string, Task> shrink)
    {
        var pcg = SeedOverride is not null ? PCG.Parse(SeedOverride) : new PCG(Stream(name), 20261203);
        var count = (long)iterations * Scale;
        for (var i = 0L; i < count; i++)
        {
            var state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            try
            {
                await property(value);
            }
            catch (Exception e)
            {
                var seed = pcg.ToString(state);
                throw new AssertionException(
                    $"Property '{name}' failed at case {i + 1} of {count}. Replay it with {SeedVariable}={seed}.{Environment.NewLine}" +
                    $"Case: {Print(print, value)}{Environment.NewLine}Failure: {e.Message}{Environment.NewLine}{await ShrunkAsync(shrink, seed)}", e);
            }
        }
    }

    private static async Task<string> ShrunkAsync(Func<string, Task> shrink, string seed)
    {
        try
        {
            await shrink(seed);
            return "CsCheck found no smaller failing case.";
        }
        catch (CsCheckException e)
        {
            return "CsCheck's smallest failing case: " + Truncate(e.Message);
        }
    }

    private static string Print<T>(Func<T, string>? print, T value) => Truncate(print is null ? CsCheck.Check.Print(value) : print(value));

    private static string Truncate(string text) => text.Length > MaxPrintLength ? text[..MaxPrintLength] + " …" : text;

    // A stable hash (string.GetHashCode is randomized per process).
    private static uint Stream(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
