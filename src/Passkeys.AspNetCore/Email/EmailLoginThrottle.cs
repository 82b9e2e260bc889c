namespace Passkeys.AspNetCore.Email;

/// <summary>
/// Fixed-window counters for sign-in link requests, per email address (or user name) and per client, and for
/// passkey-added notices, per account, judged by the <see cref="TimeProvider"/>. Counts live in this process only, at most <see cref="Capacity"/> of them.
/// </summary>
/// <remarks>
/// <para>
/// Finished windows at the front of the lists are dropped as they are met. When the table is still full (a flood
/// of made-up addresses from many clients), a new key always gets a window: the table forgets an old one instead,
/// the oldest key counted only once (what a flood of made-up addresses leaves) or, when there is none, the least
/// recently used of the keys counted more than once. A flooding client keeps using, and so keeps, its own counter: the flood cannot lift its own limit,
/// and it never refuses anyone else. Forgetting a key only lets that key start a new window early.
/// </para>
/// <para>Every call is O(1): two insertion-ordered lists and a dictionary, under one lock.</para>
/// </remarks>
internal sealed class EmailLoginThrottle
{
    /// <summary>The capacity used when none is given: 100 000 keys, a few tens of MB at most.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Window>> _windows = new(StringComparer.Ordinal);

    // Keys counted once in their current window, in the order their windows started.
    private readonly LinkedList<Window> _once = new();

    // Keys counted more than once, least recently asked for first.
    private readonly LinkedList<Window> _repeated = new();
    private readonly TimeProvider _time;
    private long _forgotten;

    public EmailLoginThrottle(TimeProvider time)
        : this(time, DefaultCapacity)
    {
    }

    internal EmailLoginThrottle(TimeProvider time, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        Capacity = capacity;
    }

    /// <summary>Gets how many keys the table holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many keys are held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _windows.Count;
            }
        }
    }

    /// <summary>Gets how many live windows were forgotten to make room (for tests and diagnostics).</summary>
    public long Forgotten => Interlocked.Read(ref _forgotten);

    /// <summary>Counts one request against <paramref name="key"/>; <see langword="false"/> with the wait when over the limit.</summary>
    public bool TryAcquire(string key, int limit, TimeSpan window, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            DropFinished(_once, now);
            DropFinished(_repeated, now);
            if (_windows.TryGetValue(key, out var node) && node.Value.Ends > now)
            {
                // Asked for again: the key is in use, so it moves to the end of the repeated keys (also when refused).
                node.List!.Remove(node);
                _repeated.AddLast(node);
                if (node.Value.Count >= limit)
                {
                    retryAfter = node.Value.Ends - now;
                    return false;
                }

                node.Value.Count++;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            if (node is not null)
            {
                Remove(node);
            }
            else if (_windows.Count >= Capacity)
            {
                Remove(_once.First ?? _repeated.First!);
                Interlocked.Increment(ref _forgotten);
            }

            var added = _once.AddLast(new Window(key, now + window));
            _windows[key] = added;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    // The heads of both lists are the oldest windows of each; finished ones there are dropped on the way.
    private void DropFinished(LinkedList<Window> list, DateTimeOffset now)
    {
        while (list.First is { } first && first.Value.Ends <= now)
        {
            Remove(first);
        }
    }

    private void Remove(LinkedListNode<Window> node)
    {
        node.List!.Remove(node);
        _windows.Remove(node.Value.Key);
    }

    private sealed class Window(string key, DateTimeOffset ends)
    {
        public string Key { get; } = key;

        public DateTimeOffset Ends { get; } = ends;

        public int Count { get; set; } = 1;
    }
}
