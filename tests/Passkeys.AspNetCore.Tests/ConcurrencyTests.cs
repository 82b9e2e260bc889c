using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests;

public class ConcurrencyTests
{
    [Test]
    public async Task Parallel_sign_ups_with_one_name_create_exactly_one_account()
    {
        await using var host = await PasskeysTestHost.StartAsync();
        var browsers = Enumerable.Range(0, 12).Select(_ => new PasskeyBrowser(host)).ToArray();
        try
        {
            var responses = new List<string>();
            foreach (var browser in browsers)
            {
                using var options = await browser.Client.PostJsonAsync("/passkeys/register/options", new { userName = "popular" });
                Assert.That((int)options.StatusCode, Is.EqualTo(200));
                responses.Add(browser.Authenticator.CreateCredential(await options.Content.ReadAsStringAsync()));
            }

            var results = await Task.WhenAll(browsers.Select((b, i) => Task.Run(() => b.Client.PostJsonAsync("/passkeys/register", responses[i]))));
            Assert.That(results.Count(r => (int)r.StatusCode == 200), Is.EqualTo(1));
            foreach (var refused in results.Where(r => (int)r.StatusCode != 200))
            {
                await refused.ReadProblemAsync(400, PasskeyErrorCodes.UserExists);
            }

            Assert.That(await host.CountAsync("popular"), Is.EqualTo((1, 1)));
        }
        finally
        {
            foreach (var browser in browsers)
            {
                browser.Dispose();
            }
        }
    }
}
