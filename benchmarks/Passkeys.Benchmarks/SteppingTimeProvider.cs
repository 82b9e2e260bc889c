namespace Passkeys.Benchmarks;

/// <summary>
/// The system clock plus an offset the benchmark can move forward, so that ceremonies a benchmark leaves behind
/// can be expired and removed between iterations instead of piling up in the in-memory store.
/// </summary>
public sealed class SteppingTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
