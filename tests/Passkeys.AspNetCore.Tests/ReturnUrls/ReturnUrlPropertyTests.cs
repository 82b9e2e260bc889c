using Passkeys.Tests.Properties;

namespace Passkeys.AspNetCore.Tests.ReturnUrls;

/// <summary>
/// Generated return URLs, built from the pieces of every known trick: whatever <see cref="PasskeyReturnUrl"/> judges
/// local stays on the site, for .NET's <see cref="Uri"/> and for a browser, before and after normalising.
/// </summary>
public class ReturnUrlPropertyTests
{
    private const int Iterations = 200_000;

    [Test]
    public void Any_url_judged_local_stays_on_the_site_for_dotnet_and_for_a_browser()
    {
        var local = 0;
        Property.Check(nameof(Any_url_judged_local_stays_on_the_site_for_dotnet_and_for_a_browser), ReturnUrlGenerator.Urls, url =>
        {
            var normal = PasskeyReturnUrl.Normalize(url);
            if (normal is null)
            {
                return;
            }

            local++;

            // The app may send either (a careless app sends the original), so both must stay.
            AssertStaysOnSite(url);
            AssertStaysOnSite(normal);
        }, Iterations);

        // Not a vacuous pass: the generator reaches local URLs, most of them built from the same tricks.
        Assert.That(local, Is.GreaterThan(Iterations / 10));
        TestContext.Out.WriteLine($"{local:N0} of {Iterations:N0} generated URLs were local.");
    }

    [Test]
    public void Normal_form_is_ascii_starts_with_one_slash_and_is_its_own_normal_form()
    {
        Property.Check(nameof(Normal_form_is_ascii_starts_with_one_slash_and_is_its_own_normal_form), ReturnUrlGenerator.Urls, url =>
        {
            var normal = PasskeyReturnUrl.Normalize(url);
            if (normal is null)
            {
                return;
            }

            Assert.That(normal.All(char.IsAscii), Is.True, normal);
            Assert.That(normal[0] == '/' && (normal.Length == 1 || normal[1] is not ('/' or '\\')), Is.True, normal);
            Assert.That(PasskeyReturnUrl.Normalize(normal), Is.EqualTo(normal));
        }, Iterations);
    }

    private static void AssertStaysOnSite(string url)
    {
        Uri resolved;
        try
        {
            resolved = new Uri(BrowserUrl.Base, url);
        }
        catch (UriFormatException e)
        {
            throw new AssertionException($"new Uri(base, \"{url}\") threw: {e.Message}");
        }

        if (resolved.Scheme != "https" || resolved.Host != "site.example" || resolved.AbsolutePath.StartsWith("//", StringComparison.Ordinal))
        {
            throw new AssertionException($"new Uri(base, \"{url}\") is {resolved.AbsoluteUri}");
        }

        // Navigating to the resolved path alone (as a script that takes url.pathname does) must stay too.
        var (scheme, host, path) = BrowserUrl.Resolve(url);
        if (scheme != "https" || host != "site.example" || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw new AssertionException($"a browser resolves \"{url}\" to {scheme}://{host}{path}");
        }
    }
}
