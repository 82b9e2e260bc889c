using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Endpoints;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests.Limits;

public class ClientPartitionTests
{
    internal const string ClientHeader = "X-Test-Client";

    [Test]
    public void IPv6_addresses_sharing_the_prefix_are_one_client_and_a_bit_inside_it_makes_another()
    {
        var random = new Random(64);
        for (var run = 0; run < 2000; run++)
        {
            var prefix = run < 500 ? 64 : random.Next(32, 129);
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var address = new IPAddress(bytes);

            // Any change after the prefix is the same client.
            var sibling = (byte[])bytes.Clone();
            for (var bit = prefix; bit < 128; bit++)
            {
                if (random.Next(2) == 0)
                {
                    sibling[bit / 8] ^= (byte)(0x80 >> (bit % 8));
                }
            }

            Assert.That(ClientPartition.For(new IPAddress(sibling), prefix), Is.EqualTo(ClientPartition.For(address, prefix)), $"{address} /{prefix}");

            // Any change inside the prefix is another client (an IPv4-mapped address is IPv4, so skip that corner).
            var other = (byte[])bytes.Clone();
            var flipped = random.Next(prefix);
            other[flipped / 8] ^= (byte)(0x80 >> (flipped % 8));
            if (!new IPAddress(other).IsIPv4MappedToIPv6 && !address.IsIPv4MappedToIPv6)
            {
                Assert.That(ClientPartition.For(new IPAddress(other), prefix), Is.Not.EqualTo(ClientPartition.For(address, prefix)), $"{address} /{prefix}, bit {flipped}");
            }
        }
    }

    [TestCase("2001:db8:1:2:3:4:5:6", 64, "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:2:3:4:5:6", 48, "2001:db8:1::/48")]
    [TestCase("2001:db8:1:2:3:4:5:6", 128, "2001:db8:1:2:3:4:5:6/128")]
    [TestCase("fe80::1%3", 64, "fe80::/64")]
    [TestCase("::ffff:192.0.2.7", 64, "192.0.2.7")]
    [TestCase("192.0.2.7", 64, "192.0.2.7")]
    public void Client_names(string address, int prefix, string expected)
        => Assert.That(ClientPartition.For(IPAddress.Parse(address), prefix), Is.EqualTo(expected));

    [Test]
    public void A_request_without_an_address_is_the_unknown_client()
        => Assert.That(ClientPartition.For(null, 64), Is.EqualTo(ClientPartition.Unknown));

    [TestCase(true)]
    [TestCase(false)]
    public async Task The_rate_limit_counts_an_IPv6_slash_64_as_one_client_and_mapped_IPv4_as_IPv4(bool useRateLimiter)
    {
        await using var host = await StartAsync(o => o.RateLimitPermitLimit = 2, useRateLimiter);
        using var client = host.CreateClient();

        // Two addresses of one /64 use up its limit; a third address in it is refused, another /64 is not.
        Assert.That(await StatusAsync(client, "2001:db8:aa:1::1"), Is.EqualTo(200));
        Assert.That(await StatusAsync(client, "2001:db8:aa:1:ffff:ffff:ffff:fffe"), Is.EqualTo(200));
        Assert.That(await StatusAsync(client, "2001:db8:aa:1:1234::9"), Is.EqualTo(429));
        Assert.That(await StatusAsync(client, "2001:db8:aa:2::1"), Is.EqualTo(200));

        Assert.That(await StatusAsync(client, "192.0.2.7"), Is.EqualTo(200));
        Assert.That(await StatusAsync(client, "::ffff:192.0.2.7"), Is.EqualTo(200));
        Assert.That(await StatusAsync(client, "192.0.2.7"), Is.EqualTo(429), "the mapped address counted against the IPv4 one");
        Assert.That(await StatusAsync(client, "192.0.2.8"), Is.EqualTo(200));
    }

    [Test]
    public async Task A_wider_prefix_counts_a_whole_site_as_one_client()
    {
        await using var host = await StartAsync(o => (o.RateLimitPermitLimit, o.RateLimitIPv6PrefixLength) = (1, 48), useRateLimiter: true);
        using var client = host.CreateClient();
        Assert.That(await StatusAsync(client, "2001:db8:aa:1::1"), Is.EqualTo(200));
        Assert.That(await StatusAsync(client, "2001:db8:aa:ffff::1"), Is.EqualTo(429));
        Assert.That(await StatusAsync(client, "2001:db8:ab::1"), Is.EqualTo(200));
    }

    [TestCase(31)]
    [TestCase(129)]
    [TestCase(-1)]
    public void A_prefix_length_outside_32_to_128_fails_start_up_with_a_sentence(int prefix)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () => await PasskeysTestHost.StartAsync(o => o.RateLimitIPv6PrefixLength = prefix));
        Assert.That(failure!.Message, Does.Contain("Passkeys:RateLimitIPv6PrefixLength").And.Contain("32 to 128"));
    }

    /// <summary>A test host where each request comes from the address in its <c>X-Test-Client</c> header.</summary>
    internal static Task<PasskeysTestHost> StartAsync(Action<PasskeyHttpOptions> http, bool useRateLimiter, Action<PasskeysBuilder>? features = null)
        => PasskeysTestHost.StartAsync(http, useRateLimiter: useRateLimiter, features: b =>
        {
            UseClientHeader(b);
            features?.Invoke(b);
        });

    /// <summary>Adds the middleware that takes each request's client address from its <c>X-Test-Client</c> header.</summary>
    internal static void UseClientHeader(PasskeysBuilder builder) => builder.Services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    internal static async Task<int> StatusAsync(TestClient client, string address, string path = "/passkeys/login/options", string body = "{}")
    {
        using var response = await client.SendAsync(HttpMethod.Post, path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            r => r.Headers.Add(ClientHeader, address));
        return (int)response.StatusCode;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
