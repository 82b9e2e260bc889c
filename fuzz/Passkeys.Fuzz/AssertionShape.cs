namespace Passkeys.Fuzz;

/// <summary>Changes to an assertion's outer response and options that the assertion target's input can choose.</summary>
[Flags]
internal enum AssertionShape
{
    None = 0,
    NoUserHandle = 1,
    NotListed = 2,
    IdDiffersFromRawId = 4,
    AppIdUsed = 8,
    NoType = 16,
}
