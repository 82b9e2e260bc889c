namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Fixed-window counters for sign-in link requests, per email address (or user name) and per client address,
/// judged by the <see cref="TimeProvider"/>. Counts live in this process only.
/// </summary>
/// <remarks>
/// Finished windows are pruned as the table grows; when it is full of live windows (a flood of made-up
/// addresses), new keys are refused, which fails closed without saying anything about any account.
/// </remarks>
internal sealed class EmailLoginThrottle
{
    private const int PruneThreshold = 10_000;
    private const int MaxEntries = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public EmailLoginThrottle(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Counts one request against <paramref name="key"/>; <see langword="false"/> with the wait when over the limit.</summary>
    public bool TryAcquire(string key, int limit, TimeSpan window, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_windows.TryGetValue(key, out var current) && current.Ends > now)
            {
                if (current.Count >= limit)
                {
                    retryAfter = current.Ends - now;
                    return false;
                }

                _windows[key] = current with { Count = current.Count + 1 };
                retryAfter = TimeSpan.Zero;
                return true;
            }

            if (_windows.Count >= PruneThreshold)
            {
                Prune(now);
                if (_windows.Count >= MaxEntries)
                {
                    retryAfter = window;
                    return false;
                }
            }

            _windows[key] = new Window(now + window, 1);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (window.Ends <= now)
            {
                _windows.Remove(key);
            }
        }
    }

    private readonly record struct Window(DateTimeOffset Ends, int Count);
}
