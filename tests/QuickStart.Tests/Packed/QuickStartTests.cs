using System.Diagnostics;
using System.Net;
using Passkeys.Testing;
using QuickStart.Tests.Infrastructure;

namespace QuickStart.Tests.Packed;

/// <summary>
/// The README's quick start, followed to the letter in a fresh <c>dotnet new web</c> app against the packed packages,
/// then used over HTTP on a real port: if the README is wrong, these fail.
/// </summary>
public sealed class QuickStartTests
{
    private const string PasskeysJs = "/_content/Passkeys.AspNetCore/passkeys.js";

    [Test]
    public async Task Readme_quick_start_app_signs_up_and_signs_in_with_a_passkey_and_serves_passkeys_js()
    {
        var watch = Stopwatch.StartNew();
        var app = await QuickStartApp.CreateAsync("quickstart");
        await app.DotnetAsync("build", "--disable-build-servers");

        // As `dotnet run` starts it: the Development environment of the template's launch profile, from the build output.
        await using var running = await RunningApp.StartAsync(app.Directory, Path.Combine("bin", "Debug", "net10.0", app.Name + ".dll"), "Development");
        await AssertServesThePageAndPasskeysJsAsync(running);

        var visitor = new PasskeyVisitor(running, new SoftwareAuthenticator { Origin = running.Origin });
        Assert.That(await visitor.SignedInUserNameAsync(), Is.Null);
        await visitor.SignUpAsync("ada");
        Assert.That(await visitor.SignedInUserNameAsync(), Is.EqualTo("ada"));
        await visitor.SignOutAsync();
        Assert.That(await visitor.SignedInUserNameAsync(), Is.Null);
        await visitor.SignInAsync();
        Assert.That(await visitor.SignedInUserNameAsync(), Is.EqualTo("ada"));

        TestContext.Progress.WriteLine($"Quick start (in memory): {watch.Elapsed.TotalSeconds:0} s after packing ({PackedFeed.PackDuration.TotalSeconds:0} s)");
    }

    [Test]
    public async Task Readme_switch_to_ef_core_with_sqlite_keeps_the_passkey_across_a_restart_of_the_published_app()
    {
        var watch = Stopwatch.StartNew();
        var app = await QuickStartApp.CreateAsync("quickstart");
        await app.FollowAsync("quickstart-ef");
        var publish = Path.Combine(app.Directory, "publish");
        await app.DotnetAsync("publish", "-c", "Release", "-o", publish, "--disable-build-servers");
        var dll = app.Name + ".dll";
        var authenticator = new SoftwareAuthenticator();

        // Published and in Production, passkeys.js is served from the app's own wwwroot/_content, copied at publish.
        int port;
        await using (var first = await RunningApp.StartAsync(publish, dll, "Production"))
        {
            port = first.Port;
            authenticator.Origin = first.Origin;
            await AssertServesThePageAndPasskeysJsAsync(first);
            var visitor = new PasskeyVisitor(first, authenticator);
            await visitor.SignUpAsync("grace");
            Assert.That(await visitor.SignedInUserNameAsync(), Is.EqualTo("grace"));
        }

        Assert.That(File.Exists(Path.Combine(publish, "app.db")), Is.True, "The README's connection string puts app.db in the content root.");
        await using (var second = await RunningApp.StartAsync(publish, dll, "Production", port))
        {
            var visitor = new PasskeyVisitor(second, authenticator);
            Assert.That(await visitor.SignedInUserNameAsync(), Is.Null, "A new process, a new browser session.");
            await visitor.SignInAsync();
            Assert.That(await visitor.SignedInUserNameAsync(), Is.EqualTo("grace"));
        }

        TestContext.Progress.WriteLine($"Quick start (EF Core, SQLite, published): {watch.Elapsed.TotalSeconds:0} s after packing");
    }

    private static async Task AssertServesThePageAndPasskeysJsAsync(RunningApp running)
    {
        using var page = await running.Client.GetAsync("/");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), running.Output);
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain(PasskeysJs), "The README's page imports passkeys.js.");

        using var script = await running.Client.GetAsync(PasskeysJs);
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK), running.Output);
        Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
        Assert.That(await script.Content.ReadAsStringAsync(), Does.Contain("export async function register("));
    }
}
