using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Passkeys.Engine;

namespace Passkeys.Core.Tests.Engine;

public class DecoyShapeTests
{
    [Test]
    public void Decoy_shapes_vary_across_names_as_the_declared_shares_say_and_are_stable_per_name()
    {
        var decoys = new DecoyCredentials(Options.Create(new PasskeyOptions()));
        var random = new Random(20261203);
        var shapes = new Dictionary<DecoyShape, int>();
        var counts = new int[DecoyShapes.CountShares.Length];
        const int Names = 4000;
        for (var i = 0; i < Names; i++)
        {
            var name = $"user{random.Next():x}{(i % 4 == 0 ? "@example.com" : string.Empty)}";
            var list = decoys.For(name);
            Assert.That(Describe(decoys.For(name)), Is.EqualTo(Describe(list)), name);
            Assert.That(Describe(decoys.For(name.ToUpperInvariant())), Is.EqualTo(Describe(list)), name);
            counts[list.Count - 1]++;
            foreach (var descriptor in list)
            {
                var transports = descriptor.Transports ?? [];
                Assert.That(descriptor.Transports, Is.Null.Or.Not.Empty, "no transports are listed as none, not as an empty list");
                var shape = DecoyShapes.All.Where(s => s.IdLength == descriptor.Id.Length && s.Transports.SequenceEqual(transports)).ToList();
                Assert.That(shape, Is.Not.Empty, $"{descriptor.Id.Length} bytes, {string.Join(",", transports)} is no real shape");
                shapes[shape[0]] = shapes.GetValueOrDefault(shape[0]) + 1;
            }
        }

        var total = shapes.Values.Sum();
        Assert.Multiple(() =>
        {
            foreach (var shape in DecoyShapes.All)
            {
                // Two shapes share a length and transports only if they are the same; each share is met within 3 points.
                Assert.That(100.0 * shapes.GetValueOrDefault(shape) / total, Is.EqualTo(shape.Share).Within(3.0), shape.Provider);
            }

            for (var i = 0; i < counts.Length; i++)
            {
                Assert.That(100.0 * counts[i] / Names, Is.EqualTo(DecoyShapes.CountShares[i]).Within(3.0), $"{i + 1} passkeys");
            }
        });
    }

    [Test]
    public void Decoy_ids_are_distinct_within_a_list_and_across_names()
    {
        var decoys = new DecoyCredentials(Options.Create(new PasskeyOptions()));
        var ids = Enumerable.Range(0, 2000).SelectMany(i => decoys.For($"name-{i}")).Select(d => Convert.ToHexString(d.Id)).ToList();
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Nodes_with_one_DecoySecret_agree_and_nodes_with_another_do_not()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var one = new DecoyCredentials(Options.Create(new PasskeyOptions { DecoySecret = secret }));
        var two = new DecoyCredentials(Options.Create(new PasskeyOptions { DecoySecret = secret }));
        var other = new DecoyCredentials(Options.Create(new PasskeyOptions { DecoySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
        string[] names = [.. Enumerable.Range(0, 50).Select(i => $"someone{i}")];

        Assert.That(names.Select(n => Describe(two.For(n))), Is.EqualTo(names.Select(n => Describe(one.For(n)))));
        Assert.That(names.Select(n => Describe(other.For(n))), Is.Not.EqualTo(names.Select(n => Describe(one.For(n)))));
    }

    private static string Describe(IReadOnlyList<Fido2NetLib.Objects.PublicKeyCredentialDescriptor> list)
        => string.Join(" ", list.Select(d => $"{Convert.ToHexString(d.Id)}/{string.Join(",", d.Transports ?? [])}"));
}
