using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using CsCheck;
using Passkeys.Providers;
using Passkeys.Tests.Properties;

namespace Passkeys.Core.Tests.Providers;

public class ProviderCatalogTests
{
    internal static readonly Guid ApplePasswords = new("fbfc3007-154e-4ecc-8c0b-6e020557d7bd");
    internal static readonly Guid GooglePasswordManager = new("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");
    private const string Svg = "data:image/svg+xml;base64,PHN2Zy8+";

    [Test]
    public void Known_aaguids_are_named_with_light_and_dark_icons_from_the_embedded_list()
    {
        var catalog = Catalog(new PasskeyProviderOptions());
        var apple = catalog.Find(ApplePasswords);
        var google = catalog.Find(GooglePasswordManager);
        Assert.Multiple(() =>
        {
            // The list renamed iCloud Keychain to Apple Passwords; the name is the list's, not ours.
            Assert.That(apple?.Name, Is.EqualTo("Apple Passwords"));
            Assert.That(google?.Name, Is.EqualTo("Google Password Manager"));
            Assert.That(google?.IconLight, Does.StartWith("data:image/svg+xml;base64,"));
            Assert.That(google?.IconDark, Does.StartWith("data:image/svg+xml;base64,"));
            Assert.That(apple?.IconLight, Does.StartWith("data:image/svg+xml;base64,"));
        });
    }

    [Test]
    public void The_zero_aaguid_and_unknown_ones_name_no_provider()
    {
        var catalog = Catalog(new PasskeyProviderOptions());
        var listed = ListedAaguids();
        Assert.That(catalog.Find(Guid.Empty), Is.Null, "the all-zero AAGUID of authenticators that do not say their model");
        Property.Check("unknown AAGUIDs", Gen.Guid.Where(g => !listed.Contains(g)), aaguid =>
            Assert.That(catalog.Find(aaguid), Is.Null, aaguid.ToString()), iterations: 500);
        Assert.That(PasskeyProvider.Unknown.Name, Is.EqualTo("Passkey"));
        Assert.That(PasskeyProvider.Unknown.IconLight ?? PasskeyProvider.Unknown.IconDark, Is.Null);
    }

    [Test]
    public void Every_entry_of_the_embedded_list_follows_the_rules_and_its_source_is_recorded()
    {
        using var stream = CommunityProviderList.OpenEmbedded();
        var content = CommunityProviderList.Read(stream);
        var (commit, date) = CommunityProviderList.ReadSource();
        Assert.Multiple(() =>
        {
            Assert.That(content.Problem, Is.Null);
            Assert.That(content.Skipped, Is.Zero, "a refresh brought an entry or icon the catalogue leaves out; look at it");
            Assert.That(content.Providers, Has.Count.GreaterThan(40));
            Assert.That(commit, Does.Match("^[0-9a-f]{40}$"));
            Assert.That(date, Does.Match(@"^\d{4}-\d{2}-\d{2}$"));
        });
    }

    [TestCase("{}", TestName = "An empty object (a retired list)")]
    [TestCase(" { } ", TestName = "An empty object with spaces")]
    [TestCase("", TestName = "An empty resource")]
    [TestCase("[]", TestName = "An array")]
    [TestCase("null", TestName = "null")]
    [TestCase("{\"ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4\":{\"name\":", TestName = "A truncated object")]
    public void A_resource_that_is_empty_or_malformed_knows_no_provider_logs_once_and_never_throws(string resource)
        => AssertKnowsNoneAndLogsOnce(() => new MemoryStream(Encoding.UTF8.GetBytes(resource)));

    [Test]
    public void Generated_malformed_resources_know_no_provider_and_never_throw()
    {
        var real = EmbeddedBytes();
        // Every prefix that stops before the closing brace (the file may end with a newline after it).
        var truncated = Gen.Int[1, Array.LastIndexOf(real, (byte)'}') - 1].Select(n => real[..n]);
        var garbage = Gen.Byte.Array[0, 200];
        var corrupted = Gen.Int[0, real.Length - 1].Select(Gen.Byte, (i, b) =>
        {
            var copy = (byte[])real.Clone();
            copy[i] = b;
            return copy;
        });
        Property.Check("malformed provider lists", Gen.OneOf(truncated, garbage), bytes =>
            AssertKnowsNoneAndLogsOnce(() => new MemoryStream(bytes)), iterations: 60, print: b => $"{b.Length} bytes");

        // One byte changed may still parse: then it must not throw either, and whatever it names follows the rules.
        Property.Check("corrupted provider lists", corrupted, bytes =>
        {
            var catalog = new PasskeyProviderCatalog(new PasskeyProviderOptions(), new FakeLogger(), () => new MemoryStream(bytes));
            foreach (var aaguid in ListedAaguids())
            {
                if (catalog.Find(aaguid) is { } provider)
                {
                    Assert.That(ProviderEntryRules.NameProblem(provider.Name), Is.Null);
                    Assert.That(new[] { provider.IconLight, provider.IconDark }.Where(i => i is not null).Select(i => ProviderEntryRules.IconProblem(i!)), Has.All.Null);
                }
            }
        }, iterations: 60, print: b => $"{b.Length} bytes");
    }

    [Test]
    public void A_missing_or_unreadable_resource_knows_no_provider()
    {
        AssertKnowsNoneAndLogsOnce(() => null);
        AssertKnowsNoneAndLogsOnce(() => throw new IOException("disk"));
    }

    [Test]
    public void Entries_that_break_the_rules_are_left_out_and_bad_icons_dropped()
    {
        var list = $$"""
            {
              "not-a-guid": {"name": "Nope"},
              "00000000-0000-0000-0000-000000000000": {"name": "Zero"},
              "11111111-1111-1111-1111-111111111111": {"name": ""},
              "22222222-2222-2222-2222-222222222222": {"name": "Evil", "icon_light": "javascript:alert(1)", "icon_dark": "{{Svg}}"},
              "33333333-3333-3333-3333-333333333333": {"name": "Fine"}
            }
            """;
        var logger = new FakeLogger();
        var catalog = new PasskeyProviderCatalog(new PasskeyProviderOptions(), logger, () => new MemoryStream(Encoding.UTF8.GetBytes(list)));
        Assert.Multiple(() =>
        {
            Assert.That(catalog.Find(Guid.Empty), Is.Null);
            Assert.That(catalog.Find(new Guid("11111111-1111-1111-1111-111111111111")), Is.Null);
            Assert.That(catalog.Find(new Guid("22222222-2222-2222-2222-222222222222"))?.Name, Is.EqualTo("Evil"));
            Assert.That(catalog.Find(new Guid("22222222-2222-2222-2222-222222222222"))?.IconLight, Is.Null);
            Assert.That(catalog.Find(new Guid("22222222-2222-2222-2222-222222222222"))?.IconDark, Is.EqualTo(Svg));
            Assert.That(catalog.Find(new Guid("33333333-3333-3333-3333-333333333333"))?.Name, Is.EqualTo("Fine"));
            Assert.That(logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Id.Id), Is.EqualTo(new[] { 21 }));
        });
    }

    [Test]
    public void Configuration_adds_providers_and_overrides_the_list_keeping_icons_left_out()
    {
        var added = new Guid("5a5a5a5a-0000-4000-8000-000000000001");
        var options = new PasskeyProviderOptions();
        options.Providers[added.ToString()] = new PasskeyProvider { Name = "Contoso Key", IconLight = "https://contoso.example/key.png" };
        options.Providers[GooglePasswordManager.ToString().ToUpperInvariant()] = new PasskeyProvider { Name = "Google" };
        options.Providers[ApplePasswords.ToString()] = new PasskeyProvider { Name = "iCloud Keychain", IconLight = "", IconDark = Svg };
        var catalog = Catalog(options);
        Assert.Multiple(() =>
        {
            Assert.That(catalog.Find(added)?.Name, Is.EqualTo("Contoso Key"));
            Assert.That(catalog.Find(added)?.IconLight, Is.EqualTo("https://contoso.example/key.png"));
            Assert.That(catalog.Find(added)?.IconDark, Is.Null);
            Assert.That(catalog.Find(GooglePasswordManager)?.Name, Is.EqualTo("Google"));
            Assert.That(catalog.Find(GooglePasswordManager)?.IconLight, Does.StartWith("data:image/svg+xml;base64,"), "left out: the list's icon stays");
            Assert.That(catalog.Find(ApplePasswords)?.Name, Is.EqualTo("iCloud Keychain"));
            Assert.That(catalog.Find(ApplePasswords)?.IconLight, Is.Null, "empty: no icon");
            Assert.That(catalog.Find(ApplePasswords)?.IconDark, Is.EqualTo(Svg));
        });
    }

    [Test]
    public void With_the_community_list_off_only_configured_providers_are_named()
    {
        var added = new Guid("5a5a5a5a-0000-4000-8000-000000000001");
        var options = new PasskeyProviderOptions { UseCommunityProviderList = false };
        options.Providers[added.ToString()] = new PasskeyProvider { Name = "Contoso Key" };
        var logger = new FakeLogger();
        var catalog = new PasskeyProviderCatalog(options, logger, () => throw new AssertionException("the list is not read when it is off"));
        Assert.Multiple(() =>
        {
            Assert.That(catalog.Find(GooglePasswordManager), Is.Null);
            Assert.That(catalog.Find(added)?.Name, Is.EqualTo("Contoso Key"));
            Assert.That(logger.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Warning), Is.Empty);
        });
    }

    [Test]
    public void The_catalogue_is_registered_by_AddPasskeysCore_and_can_be_replaced()
    {
        var services = new ServiceCollection();
        services.AddPasskeysCore(o => { o.RelyingPartyId = "localhost"; o.Origins = ["https://localhost"]; });
        using (var provider = services.BuildServiceProvider())
        {
            Assert.That(provider.GetRequiredService<IPasskeyProviderCatalog>().Find(GooglePasswordManager)?.Name, Is.EqualTo("Google Password Manager"));
        }

        var mine = new Mock<IPasskeyProviderCatalog>();
        var replaced = new ServiceCollection();
        replaced.AddSingleton(mine.Object);
        replaced.AddPasskeysCore(o => { o.RelyingPartyId = "localhost"; o.Origins = ["https://localhost"]; });
        using var replacedProvider = replaced.BuildServiceProvider();
        Assert.That(replacedProvider.GetRequiredService<IPasskeyProviderCatalog>(), Is.SameAs(mine.Object));
    }

    [Test]
    public void Loading_the_embedded_list_is_lazy_and_costs_little()
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var catalog = Catalog(new PasskeyProviderOptions());
        var constructed = GC.GetAllocatedBytesForCurrentThread() - before;
        catalog.Find(GooglePasswordManager);
        var elapsed = clock.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        GC.KeepAlive(catalog);
        TestContext.Out.WriteLine($"constructed: {constructed} B allocated; first lookup: {allocated} B allocated, {retained} B retained, {elapsed.TotalMilliseconds:F1} ms (JIT included when run first)");
        Assert.Multiple(() =>
        {
            Assert.That(constructed, Is.LessThan(4096), "nothing is read until the first lookup");
            Assert.That(allocated, Is.LessThan(4 * 1024 * 1024), "reading the list allocates a few times its size at most");
        });
    }

    private static void AssertKnowsNoneAndLogsOnce(Func<Stream?> open)
    {
        var logger = new FakeLogger();
        var catalog = new PasskeyProviderCatalog(new PasskeyProviderOptions(), logger, open);
        Assert.Multiple(() =>
        {
            Assert.That(catalog.Find(GooglePasswordManager), Is.Null);
            Assert.That(catalog.Find(ApplePasswords), Is.Null);
            var warnings = logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
            Assert.That(warnings.Select(r => r.Id.Id), Is.EqualTo(new[] { 20 }), "one warning, on first use");
        });
    }

    private static PasskeyProviderCatalog Catalog(PasskeyProviderOptions options)
        => new(options, new FakeLogger(), CommunityProviderList.OpenEmbedded);

    private static byte[] EmbeddedBytes()
    {
        using var stream = CommunityProviderList.OpenEmbedded()!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static HashSet<Guid> ListedAaguids()
    {
        using var stream = CommunityProviderList.OpenEmbedded();
        return [.. CommunityProviderList.Read(stream).Providers.Keys];
    }
}
