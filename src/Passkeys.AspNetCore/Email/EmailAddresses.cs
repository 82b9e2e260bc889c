namespace Passkeys.AspNetCore.Email;

/// <summary>Compares addresses as the stores do: equal when their <see cref="PasskeyNameNormalizer"/> forms are.</summary>
internal static class EmailAddresses
{
    public static bool Same(string? one, string? other)
        => one is not null && other is not null
            && PasskeyNameNormalizer.TryNormalize(one, out var a) && PasskeyNameNormalizer.TryNormalize(other, out var b)
            && string.Equals(a, b, StringComparison.Ordinal);
}
