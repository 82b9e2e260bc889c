using Passkeys.Fuzz;
using SharpFuzz;

// dotnet Passkeys.Fuzz.dll TARGET             run under afl-fuzz (eng/fuzz.sh), or once on standard input
// dotnet Passkeys.Fuzz.dll TARGET FILE|DIR... run saved inputs (a crash, a corpus) and print what each did
// dotnet Passkeys.Fuzz.dll --seed TARGET DIR  write the target's seed corpus to DIR
// dotnet Passkeys.Fuzz.dll --list             print the target names
if (args is ["--list"])
{
    Console.WriteLine(string.Join(Environment.NewLine, FuzzTargets.All.Select(t => t.Name)));
    return 0;
}

if (args is ["--seed", var seedName, var directory])
{
    var seeded = Target(seedName);
    Directory.CreateDirectory(directory);
    foreach (var (name, input) in seeded.Seeds())
    {
        File.WriteAllBytes(Path.Combine(directory, name), input);
    }

    return 0;
}

if (args.Length == 0 || Target(args[0]) is not { } target)
{
    Console.Error.WriteLine($"Usage: Passkeys.Fuzz TARGET [FILE|DIR...] | --seed TARGET DIR | --list. Targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}.");
    return 2;
}

if (args.Length > 1)
{
    var failed = 0;
    foreach (var file in args[1..].SelectMany(a => Directory.Exists(a) ? Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories) : [a]))
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"{file}: {e}");
        }
    }

    Console.WriteLine($"{failed} failed.");
    return failed == 0 ? 0 : 1;
}

// Nothing may run the instrumented assemblies before this: their coverage map exists only inside Run.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;

static IFuzzTarget Target(string name) => FuzzTargets.Find(name) ?? throw new ArgumentException($"No fuzz target '{name}'.", nameof(name));
