using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

            // Each client's share of the queue as large as its limit, so only the throttle refuses here.
            b.Services.AddSingleton(sp => new EmailLoginQueue(sp.GetRequiredService<ILogger<EmailLoginQueue>>(), EmailLoginQueue.Capacity, partitionCapacity: 10));
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

    [Test]
    public async Task A_flood_from_many_clients_neither_refuses_a_bystander_nor_holds_its_link_until_the_flood_drains()
    {
        var sender = new GatedEmailSender();
        await using var email = await EmailLoginHost.StartAsync(features: b =>
        {
            ClientPartitionTests.UseClientHeader(b);
            b.Services.AddSingleton<IPasskeyEmailSender>(sender);
        });
        sender.Queue = email.Host.Services.GetRequiredService<EmailLoginQueue>();
        await email.Host.SeedUserAsync("alice", "alice@example.com");
        await email.Host.SeedUserAsync("first", "first@example.com");
        using var client = email.Host.CreateClient();

        // The SMTP server is stuck on a first message, so everything else waits in the queue.
        Assert.That(await ClientPartitionTests.StatusAsync(client, "192.0.2.1", "/passkeys/email-login", "{\"email\":\"first@example.com\"}"), Is.EqualTo(202));
        await sender.Held.WaitAsync(TimeSpan.FromSeconds(10));

        // 110 clients, each within its limits (10 links per 15 minutes): 1,100 requests, more than the queue holds.
        for (var host = 0; host < 110; host++)
        {
            var statuses = new List<int>();
            for (var i = 0; i < 10; i++)
            {
                statuses.Add(await ClientPartitionTests.StatusAsync(client, $"198.51.{host / 100}.{host % 100}", "/passkeys/email-login",
                    $"{{\"email\":\"made-up-{host}-{i}@flood.example\"}}"));
            }

            Assert.That(statuses, Is.EqualTo(Enumerable.Repeat(202, EmailLoginQueue.PartitionCapacity).Concat(Enumerable.Repeat(429, 10 - EmailLoginQueue.PartitionCapacity))),
                $"client {host} fills its own share of the queue and is refused beyond it");
        }

        var flood = sender.Queue.Pending - 1;
        Assert.That(await ClientPartitionTests.StatusAsync(client, "203.0.113.9", "/passkeys/email-login", "{\"email\":\"alice@example.com\"}"), Is.EqualTo(202),
            "the bystander is not refused");
        Assert.That(email.Logs.Lines, Has.Some.Contains("[213]"));

        sender.Open();
        await email.WhenIdleAsync();
        var alice = sender.Sent.Single(m => m.Message.To == "alice@example.com");
        Assert.That(alice.Pending - 1, Is.GreaterThanOrEqualTo(flood - 110),
            $"alice's link was sent after at most one item of each of the 110 flooding clients, not after the {flood} they queued");
    }
}
