using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Passkeys.EntityFramework.Tests;

public sealed class ModelTests
{
    [Test]
    public void Tables_have_the_default_prefix_and_the_contract_indexes()
    {
        using var context = CreateContext(b => b.UsePasskeys());
        var model = context.GetService<IDesignTimeModel>().Model;

        var users = model.FindEntityType(typeof(PasskeyUserEntity))!;
        var credentials = model.FindEntityType(typeof(PasskeyCredentialEntity))!;
        Assert.Multiple(() =>
        {
            Assert.That(users.GetTableName(), Is.EqualTo("PasskeyUsers"));
            Assert.That(credentials.GetTableName(), Is.EqualTo("PasskeyCredentials"));
            Assert.That(model.FindEntityType(typeof(PasskeyCeremonyEntity))!.GetTableName(), Is.EqualTo("PasskeyCeremonies"));
            Assert.That(model.FindEntityType(typeof(PasskeyLoginTokenEntity))!.GetTableName(), Is.EqualTo("PasskeyLoginTokens"));
            Assert.That(UniqueIndexes(users), Is.EquivalentTo(new[] { "UserHandle", "NormalizedUserName", "NormalizedEmail" }));
            Assert.That(credentials.FindPrimaryKey()!.Properties.Select(p => p.Name), Is.EqualTo(new[] { "CredentialId" }));
            Assert.That(credentials.GetIndexes().Select(i => i.Properties[0].Name), Does.Contain("UserId"));
            Assert.That(credentials.GetForeignKeys().Single().DeleteBehavior, Is.EqualTo(DeleteBehavior.Cascade));
        });
    }

    [Test]
    public void Login_names_table_keys_names_and_emails_together_and_goes_with_the_user()
    {
        using var context = CreateContext(b => b.UsePasskeys());
        var loginNames = context.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(PasskeyLoginNameEntity))!;

        Assert.Multiple(() =>
        {
            Assert.That(loginNames.GetTableName(), Is.EqualTo("PasskeyLoginNames"));
            Assert.That(loginNames.FindPrimaryKey()!.Properties.Select(p => p.Name), Is.EqualTo(new[] { "NormalizedName" }));
            Assert.That(loginNames.GetForeignKeys().Single().PrincipalEntityType.ClrType, Is.EqualTo(typeof(PasskeyUserEntity)));
            Assert.That(loginNames.GetForeignKeys().Single().DeleteBehavior, Is.EqualTo(DeleteBehavior.Cascade));
        });
    }

    [Test]
    public void Table_prefix_and_schema_can_be_changed()
    {
        using var context = CreateContext(b => b.UsePasskeys(o =>
        {
            o.TablePrefix = "Auth";
            o.Schema = "identity";
        }));
        var users = context.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(PasskeyUserEntity))!;

        Assert.Multiple(() =>
        {
            Assert.That(users.GetTableName(), Is.EqualTo("AuthUsers"));
            Assert.That(users.GetSchema(), Is.EqualTo("identity"));
        });
    }

    private static string[] UniqueIndexes(IEntityType entity)
        => entity.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties[0].Name).ToArray();

    private static ModelContext CreateContext(Action<ModelBuilder> build)
        => new(new DbContextOptionsBuilder<ModelContext>().UseSqlite("Data Source=:memory:").Options, build);

    private sealed class ModelContext(DbContextOptions<ModelContext> options, Action<ModelBuilder> build) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => build(modelBuilder);

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
            => optionsBuilder.ReplaceService<IModelCacheKeyFactory, NoModelCache>();
    }

    private sealed class NoModelCache : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => new object();
    }
}
