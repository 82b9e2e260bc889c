using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Passkeys.EntityFramework.Configurations;

/// <summary>
/// Value converters that make every provider store, compare and order the same values.
/// </summary>
internal static class PasskeyValueConverters
{
    /// <summary>
    /// Stores an instant as UTC ticks: exact to the tick on every provider, and comparable in SQL on SQLite
    /// (which cannot compare <see cref="DateTimeOffset"/> values itself).
    /// </summary>
    public static readonly ValueConverter<DateTimeOffset, long> UtcTicks = new(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));

    /// <summary>Stores an unsigned counter as a signed 64-bit integer, which every provider has.</summary>
    public static readonly ValueConverter<uint, long> Counter = new(
        v => v,
        v => (uint)v);
}
