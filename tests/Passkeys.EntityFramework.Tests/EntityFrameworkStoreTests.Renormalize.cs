using Microsoft.Extensions.DependencyInjection;
using Passkeys.EntityFramework.Stores;

namespace Passkeys.EntityFramework.Tests;

/// <summary>
/// Rows written before names were normalized by <see cref="PasskeyNameNormalizer"/> (upper case, no login names, as
/// the sample's LoginNames migration leaves non-ASCII ones) are brought to today's form by
/// <see cref="EntityFrameworkPasskeyStore{TContext}.RenormalizeNamesAsync"/>.
/// </summary>
public abstract partial class EntityFrameworkStoreTests
{
    [Test]
    public async Task Renormalizing_names_makes_legacy_rows_findable_once_and_leaves_collisions_and_stamps_alone()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ada = await InsertLegacyUserAsync($"ÄDA{tag}", email: null);
        var jose = await InsertLegacyUserAsync($"Jose\u0301{tag}", email: $"JOSÉ{tag}@EXAMPLE.COM");
        var strasse = await InsertLegacyUserAsync($"STRASSE{tag}", email: null);
        var strasseAgain = await InsertLegacyUserAsync($"straße{tag}", email: null);

        var first = await RenormalizeAsync();
        var second = await RenormalizeAsync();

        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Passkeys.Stores.IPasskeyUserStore>();
        Assert.Multiple(async () =>
        {
            Assert.That((await users.FindByNameAsync($"äda{tag}", default))?.Id, Is.EqualTo(ada.Id));
            Assert.That((await users.FindByNameAsync($"JOSÉ{tag}", default))?.Id, Is.EqualTo(jose.Id), "NFD stored, NFC typed");
            Assert.That((await users.FindByEmailAsync($"josé{tag}@example.com", default))?.Id, Is.EqualTo(jose.Id));
            // STRASSE and straße are one name now: the user met first keeps it, the other is listed.
            var keeper = (await users.FindByNameAsync($"strasse{tag}", default))?.Id;
            Assert.That(keeper, Is.EqualTo(strasse.Id).Or.EqualTo(strasseAgain.Id));
            Assert.That(first.UsersNotRewritten, Does.Contain(keeper == strasse.Id ? strasseAgain.Id : strasse.Id).And.Not.Contain(keeper));
            Assert.That(first.UsersRewritten, Is.GreaterThanOrEqualTo(3));
            Assert.That(second.UsersRewritten, Is.Zero, "a second run rewrites nothing");
            Assert.That((await users.FindByIdAsync(ada.Id, default))!.SecurityStamp, Is.EqualTo(ada.SecurityStamp));
        });
    }

    private async Task<PasskeyNameRenormalization> RenormalizeAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EntityFrameworkPasskeyStore<TestDbContext>>().RenormalizeNamesAsync();
    }

    // A user as an older version wrote it: names kept in upper case, no login names.
    private async Task<PasskeyUserEntity> InsertLegacyUserAsync(string userName, string? email)
    {
        var user = new PasskeyUserEntity
        {
            Id = Guid.NewGuid().ToString("N"),
            UserHandle = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = userName,
            Email = email,
            NormalizedEmail = email?.ToUpperInvariant(),
            CreatedAt = Time.GetUtcNow(),
            SecurityStamp = PasskeySecurityStamp.Create(),
        };
        await using var scope = _services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        context.Add(user);
        await context.SaveChangesAsync();
        return user;
    }
}
