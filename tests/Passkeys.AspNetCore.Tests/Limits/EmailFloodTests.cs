using Microsoft.Extensions.DependencyInjection;
using Passkeys.AspNetCore.Email;
using Passkeys.AspNetCore.Tests.EmailLogin;

namespace Passkeys.AspNetCore.Tests.Limits;

public class EmailFloodTests
{
    [Test]
    public async Task A_flood_of_made_up_addresses_from_many_IPv6_hosts_leaves_email_sign_in_working_for_others()
    {
        EmailLoginThrottle? throttle = null;
        await using var email = await EmailLoginHost.StartAsync(features: b =>
        {
            ClientPartitionTests.UseClientHeader(b);
            b.Services.AddSingleton(sp => throttle = new EmailLoginThrottle(sp.GetRequiredService<TimeProvider>(), capacity: 200));
        });
        await email.Host.SeedUserAsync("alice", "alice@example.com");
        using var client = email.Host.CreateClient();

        // 60 hosts, each in its own /64, each asking up to its client limit (10) for made-up addresses: 600+ keys.
        var refusedByClientLimit = 0;
        for (var host = 0; host < 60; host++)
        {
            for (var i = 0; i < 11; i++)
            {
                var status = await ClientPartitionTests.StatusAsync(client, $"2001:db8:{host:x}:1::{i + 1:x}", "/passkeys/email-login",
                    $"{{\"email\":\"made-up-{host}-{i}@flood.example\"}}");
                refusedByClientLimit += status == 429 ? 1 : 0;
                Assert.That(status, Is.EqualTo(i < 10 ? 202 : 429), $"host {host}, request {i}: one /64 is one client");
            }
        }

        Assert.That(throttle!.Forgotten, Is.GreaterThan(0), "the flood overfilled the table");
        Assert.That(await ClientPartitionTests.StatusAsync(client, "203.0.113.9", "/passkeys/email-login", "{\"email\":\"alice@example.com\"}"), Is.EqualTo(202));
        Assert.That(await email.MessagesToAsync("alice@example.com"), Has.Count.EqualTo(1), "alice's link was sent");
        Assert.That(refusedByClientLimit, Is.EqualTo(60));
    }
}
