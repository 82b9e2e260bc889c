using Microsoft.Extensions.DependencyInjection;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;

namespace Passkeys.AspNetCore.Tests.Limits;

public class CeremonyFloodTests
{
    // Every request here comes from one address, so all count as one client: the store refuses as a whole.
    [Test]
    public async Task A_flood_of_options_requests_is_refused_with_503_while_another_clients_sign_in_completes()
    {
        await using var host = await PasskeysTestHost.StartAsync(features: b =>
            b.Services.AddSingleton<IPasskeyCeremonyStore>(sp => new InMemoryCeremonyStore(sp.GetRequiredService<TimeProvider>(), capacity: 20)));
        using var nina = new PasskeyBrowser(host);
        (await nina.SignUpAsync("nina")).Dispose();

        // Nina asks for her options (her ceremony is now in the store) and is at her authenticator when the flood comes.
        using var options = await nina.Client.PostJsonAsync("/passkeys/login/options", new { userName = "nina" });
        var ninasOptions = await options.Content.ReadAsStringAsync();

        // A flood sends no cookies back, so no ceremony of its replaces another.
        using var flooder = host.CreateClient();
        flooder.SendCookies = false;
        var answers = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            using var response = await flooder.PostJsonAsync("/passkeys/login/options", i % 2 == 0 ? "{}" : $"{{\"userName\":\"ghost{i}\"}}");
            answers.Add((int)response.StatusCode);
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                await response.ReadProblemAsync(503, PasskeyErrorCodes.TooManyCeremonies);
                Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(30)));
            }
        }

        Assert.That(answers.Count(a => a == 200), Is.EqualTo(19), "the store took what fit");
        Assert.That(answers.Skip(19), Is.All.EqualTo(503));
        using (var signUp = await host.CreateClient().PostJsonAsync("/passkeys/register/options", new { userName = "newcomer" }))
        {
            await signUp.ReadProblemAsync(503, PasskeyErrorCodes.TooManyCeremonies);
        }

        using var login = await nina.Client.PostJsonAsync("/passkeys/login", nina.Authenticator.GetAssertion(ninasOptions));
        Assert.That((await login.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True, "nina's sign-in in progress completed");

        host.Time.Advance(TimeSpan.FromMinutes(10));
        using var later = await flooder.PostJsonAsync("/passkeys/login/options", "{}");
        Assert.That((int)later.StatusCode, Is.EqualTo(200), "expired ceremonies made room");
    }

    [Test]
    public async Task A_flood_from_many_addresses_fills_only_its_own_share_while_others_sign_up_and_sign_in()
    {
        await using var host = await PasskeysTestHost.StartAsync(features: b =>
        {
            ClientPartitionTests.UseClientHeader(b);
            b.Services.AddSingleton<IPasskeyCeremonyStore>(sp => new InMemoryCeremonyStore(sp.GetRequiredService<TimeProvider>(), capacity: 40));
        });
        using var nina = new PasskeyBrowser(host);
        nina.Client.Headers[ClientPartitionTests.ClientHeader] = "198.51.100.7";
        (await nina.SignUpAsync("nina")).Dispose();
        using var options = await nina.Client.PostJsonAsync("/passkeys/login/options", new { userName = "nina" });
        var ninasOptions = await options.Content.ReadAsStringAsync();

        // Eight addresses (and one IPv6 host rotating through its /64) ask for options in turn, never finishing.
        // A flood sends no cookies back, so no ceremony of its replaces another.
        using var flooder = host.CreateClient();
        flooder.SendCookies = false;
        string[] addresses = [.. Enumerable.Range(1, 8).Select(i => $"203.0.113.{i}"), "2001:db8::1"];
        for (var round = 0; round < 30; round++)
        {
            foreach (var address in addresses)
            {
                var from = address.Contains(':') ? $"2001:db8::{round + 1:x}" : address;
                using var response = await flooder.SendAsync(HttpMethod.Post, "/passkeys/login/options", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
                    r => r.Headers.Add(ClientPartitionTests.ClientHeader, from));
                if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
                {
                    await response.ReadProblemAsync(503, PasskeyErrorCodes.TooManyCeremonies);
                }
            }
        }

        // Each flooder took the place of another's newest ceremony, or was refused when it held the most itself.
        Assert.That(((InMemoryCeremonyStore)host.Services.GetRequiredService<IPasskeyCeremonyStore>()).Count, Is.EqualTo(40), "the flood filled the store");
        using var omar = new PasskeyBrowser(host);
        omar.Client.Headers[ClientPartitionTests.ClientHeader] = "198.51.100.8";
        using (var signUp = await omar.SignUpAsync("omar"))
        {
            Assert.That((await signUp.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True, "a newcomer signed up during the flood");
        }

        using var login = await nina.Client.PostJsonAsync("/passkeys/login", nina.Authenticator.GetAssertion(ninasOptions));
        Assert.That((await login.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True, "nina's sign-in in progress outlived the flood");
    }

    [Test]
    public async Task A_flood_from_the_64s_of_one_48_is_one_client_and_a_newcomer_from_elsewhere_signs_up()
    {
        await using var host = await PasskeysTestHost.StartAsync(features: b =>
        {
            ClientPartitionTests.UseClientHeader(b);
            b.Services.AddSingleton<IPasskeyCeremonyStore>(sp => new InMemoryCeremonyStore(sp.GetRequiredService<TimeProvider>(), capacity: 40));
        });
        // A flood sends no cookies back, so no ceremony of its replaces another.
        using var flooder = host.CreateClient();
        flooder.SendCookies = false;
        for (var i = 0; i < 200; i++)
        {
            using var response = await flooder.SendAsync(HttpMethod.Post, "/passkeys/login/options", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
                r => r.Headers.Add(ClientPartitionTests.ClientHeader, $"2001:db8:1:{i:x}::1"));
        }

        using var omar = new PasskeyBrowser(host);
        omar.Client.Headers[ClientPartitionTests.ClientHeader] = "2001:db8:2::1";
        using var signUp = await omar.SignUpAsync("omar");
        Assert.That((await signUp.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True, "the /48 held the most, and made room");
    }

    [Test]
    public async Task A_browser_that_asks_for_options_again_holds_one_ceremony_of_the_kind()
    {
        await using var host = await PasskeysTestHost.StartAsync(features: b =>
            b.Services.AddSingleton<IPasskeyCeremonyStore>(sp => new InMemoryCeremonyStore(sp.GetRequiredService<TimeProvider>(), capacity: 40)));
        using var nina = new PasskeyBrowser(host);
        (await nina.SignUpAsync("nina")).Dispose();
        var store = (InMemoryCeremonyStore)host.Services.GetRequiredService<IPasskeyCeremonyStore>();

        // Autofill's ceremony, then the button's: the first can no longer be completed by this browser, so it goes.
        (await nina.Client.PostJsonAsync("/passkeys/login/options", "{}")).Dispose();
        (await nina.Client.PostJsonAsync("/passkeys/login/options", new { userName = "nina" })).Dispose();
        Assert.That(store.Count, Is.EqualTo(1));
        using var login = await nina.LoginAsync("nina");
        Assert.That((await login.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True);
        Assert.That(store.Count, Is.Zero);
    }
}
