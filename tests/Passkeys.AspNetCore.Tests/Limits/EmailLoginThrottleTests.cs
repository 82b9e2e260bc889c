using Microsoft.Extensions.Time.Testing;
using Passkeys.AspNetCore.Email;

namespace Passkeys.AspNetCore.Tests.Limits;

public class EmailLoginThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Test]
    public void A_full_table_still_gives_every_new_key_a_window_and_stays_within_its_capacity()
    {
        var throttle = new EmailLoginThrottle(_time, capacity: 500);
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var key = $"e:{random.Next():x}{i}@flood.example";
            Assert.That(throttle.TryAcquire(key, 3, Window, out _), Is.True, $"key {i} refused");
            Assert.That(throttle.Count, Is.LessThanOrEqualTo(500));
        }

        Assert.That(throttle.TryAcquire("e:alice@example.com", 3, Window, out _), Is.True, "a real user's first request");
        Assert.That(throttle.Forgotten, Is.GreaterThan(0), "the flood filled the table");
    }

    [Test]
    public void A_flood_of_new_keys_does_not_lift_the_limits_of_keys_in_use()
    {
        var throttle = new EmailLoginThrottle(_time, capacity: 500);
        for (var i = 0; i < 10; i++)
        {
            Assert.That(throttle.TryAcquire("c:flooder", 10, Window, out _), Is.True);
        }

        Assert.That(throttle.TryAcquire("e:victim@example.com", 3, Window, out _), Is.True);
        Assert.That(throttle.TryAcquire("e:victim@example.com", 3, Window, out _), Is.True);

        // The flood: made-up addresses, each once, while the flooder keeps knocking.
        for (var i = 0; i < 20_000; i++)
        {
            throttle.TryAcquire($"e:made-up-{i}@flood.example", 3, Window, out _);
            if (i % 100 == 0)
            {
                Assert.That(throttle.TryAcquire("c:flooder", 10, Window, out var wait), Is.False, $"after {i} keys the flooder is still over its limit");
                Assert.That(wait, Is.GreaterThan(TimeSpan.Zero));
            }
        }

        Assert.That(throttle.TryAcquire("e:victim@example.com", 3, Window, out _), Is.True, "third of three");
        Assert.That(throttle.TryAcquire("e:victim@example.com", 3, Window, out _), Is.False, "the victim's count survived the flood");
    }

    [Test]
    public void Finished_windows_make_room_before_anything_live_is_forgotten()
    {
        var throttle = new EmailLoginThrottle(_time, capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            throttle.TryAcquire($"e:{i}@example.com", 3, Window, out _);
        }

        _time.Advance(Window);
        for (var i = 0; i < 100; i++)
        {
            throttle.TryAcquire($"e:new-{i}@example.com", 3, Window, out _);
        }

        Assert.That(throttle.Forgotten, Is.Zero);
        Assert.That(throttle.Count, Is.EqualTo(100));
    }

    [Test]
    public void A_window_counts_up_to_the_limit_then_refuses_until_it_ends()
    {
        var throttle = new EmailLoginThrottle(_time);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(throttle.TryAcquire("e:a@example.com", 3, Window, out _), Is.True);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(throttle.TryAcquire("e:a@example.com", 3, Window, out var wait), Is.False);
        Assert.That(wait, Is.EqualTo(TimeSpan.FromMinutes(12)));
        _time.Advance(wait);
        Assert.That(throttle.TryAcquire("e:a@example.com", 3, Window, out _), Is.True, "a new window");
    }
}
