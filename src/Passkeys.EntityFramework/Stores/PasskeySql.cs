using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// The hot statements as SQL text, built once per model from its own table and column names and quoted by the
/// provider. They skip EF Core's LINQ pipeline (expression building, query-cache lookup, change tracking), which
/// costs several times the statement itself on SQLite; the values go through each column's own type mapping.
/// </summary>
internal static class PasskeySql
{
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, string>> Statements = [];

    /// <summary>
    /// <c>DELETE FROM table WHERE key = {0} RETURNING *</c>: one statement reads and deletes the row, so only one
    /// caller can ever get it back. SQLite (3.35 and later) and PostgreSQL both support it.
    /// </summary>
    public static string Take<TEntity>(DbContext context, string keyProperty)
        where TEntity : class
        => Get(context, "take:" + typeof(TEntity).FullName, c =>
        {
            var table = Table<TEntity>(c);
            return "DELETE FROM " + table.Name + " WHERE " + table.Column(keyProperty) + " = {0} RETURNING *";
        });

    /// <summary><c>INSERT INTO table (every column) VALUES ({0}, {1}, …)</c>, in the order of <see cref="InsertValues"/>.</summary>
    public static string Insert<TEntity>(DbContext context)
        where TEntity : class
        => Get(context, "insert:" + typeof(TEntity).FullName, c =>
        {
            var table = Table<TEntity>(c);
            var properties = Inserted(table.EntityType).ToList();
            return "INSERT INTO " + table.Name
                + " (" + string.Join(", ", properties.Select(p => table.Column(p.Name))) + ")"
                + " VALUES (" + string.Join(", ", properties.Select((_, i) => "{" + i + "}")) + ")";
        });

    /// <summary>The entity's values for <see cref="Insert{TEntity}"/>, converted as each column stores them.</summary>
    public static object?[] InsertValues<TEntity>(DbContext context, TEntity entity)
        where TEntity : class
        => [.. Inserted(EntityType<TEntity>(context)).Select(p => ToProvider(p, p.GetGetter().GetClrValue(entity)))];

    // Shadow properties an app adds to these entities have no value on the object: the database's default fills them.
    private static IEnumerable<IProperty> Inserted(IEntityType entityType) => entityType.GetProperties().Where(p => !p.IsShadowProperty());

    /// <summary>
    /// The sign-in's one write: <c>UPDATE credentials SET sign count, backup state, UV, last used WHERE id = {4}
    /// AND sign count = {5}</c>; the sign count in the condition lets only one of two concurrent sign-ins through.
    /// </summary>
    public static string UsageUpdate(DbContext context)
        => Get(context, "usage", c =>
        {
            var table = Table<PasskeyCredentialEntity>(c);
            return "UPDATE " + table.Name + " SET "
                + table.Column(nameof(PasskeyCredentialEntity.SignCount)) + " = {0}, "
                + table.Column(nameof(PasskeyCredentialEntity.IsBackupEligible)) + " = {1}, "
                + table.Column(nameof(PasskeyCredentialEntity.IsBackedUp)) + " = {2}, "
                + table.Column(nameof(PasskeyCredentialEntity.IsUserVerified)) + " = {3}, "
                + table.Column(nameof(PasskeyCredentialEntity.LastUsedAt)) + " = {4}"
                + " WHERE " + table.Column(nameof(PasskeyCredentialEntity.CredentialId)) + " = {5}"
                + " AND " + table.Column(nameof(PasskeyCredentialEntity.SignCount)) + " = {6}";
        });

    /// <summary>The values for <see cref="UsageUpdate"/>.</summary>
    public static object?[] UsageUpdateValues(DbContext context, PasskeyCredential credential, uint expectedSignCount)
    {
        var entityType = EntityType<PasskeyCredentialEntity>(context);
        object? Value(string property, object? value) => ToProvider(entityType.FindProperty(property)!, value);
        return
        [
            Value(nameof(PasskeyCredentialEntity.SignCount), credential.SignCount),
            Value(nameof(PasskeyCredentialEntity.IsBackupEligible), credential.IsBackupEligible),
            Value(nameof(PasskeyCredentialEntity.IsBackedUp), credential.IsBackedUp),
            Value(nameof(PasskeyCredentialEntity.IsUserVerified), credential.IsUserVerified),
            Value(nameof(PasskeyCredentialEntity.LastUsedAt), credential.LastUsedAt),
            Value(nameof(PasskeyCredentialEntity.CredentialId), credential.CredentialId),
            Value(nameof(PasskeyCredentialEntity.SignCount), expectedSignCount),
        ];
    }

    /// <summary>Inserts the entity's row with one <c>INSERT</c> (no change tracking).</summary>
    public static Task<int> InsertAsync<TEntity>(DbContext context, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
        => ExecuteAsync(context, Insert<TEntity>(context), InsertValues(context, entity), cancellationToken);

    /// <summary>Runs one of these statements with its values (a <see langword="null"/> value is SQL <c>NULL</c>).</summary>
    public static Task<int> ExecuteAsync(DbContext context, string sql, object?[] values, CancellationToken cancellationToken)
        => context.Database.ExecuteSqlRawAsync(sql, values!, cancellationToken);

    /// <summary>
    /// Runs one statement on its own through the context's execution strategy, which EF Core does not do for SQL
    /// text by itself, so that a retrying strategy rides out a database restart here too. The statement must not run
    /// twice: when its answer was lost, <paramref name="written"/> asks the database whether it took effect (then it
    /// counts as one row) before it is tried again.
    /// </summary>
    public static Task<int> ExecuteRetriableAsync(
        DbContext context, string sql, object?[] values, Func<DbContext, CancellationToken, Task<bool>> written, CancellationToken cancellationToken)
        => context.Database.CreateExecutionStrategy().ExecuteAsync(
            (Sql: sql, Values: values, Written: written),
            static (c, s, ct) => ExecuteAsync(c, s.Sql, s.Values, ct),
            static async (c, s, ct) => new ExecutionResult<int>(await s.Written(c, ct).ConfigureAwait(false), 1),
            cancellationToken);

    /// <summary>Inserts the entity's row as <see cref="ExecuteRetriableAsync"/> runs a statement.</summary>
    public static Task<int> InsertRetriableAsync<TEntity>(
        DbContext context, TEntity entity, Func<DbContext, CancellationToken, Task<bool>> written, CancellationToken cancellationToken)
        where TEntity : class
        => ExecuteRetriableAsync(context, Insert<TEntity>(context), InsertValues(context, entity), written, cancellationToken);

    /// <summary>A value of <typeparamref name="TEntity"/>'s property as its column stores it (after any value converter).</summary>
    public static object? Value<TEntity>(DbContext context, string property, object? value)
        where TEntity : class
        => ToProvider(EntityType<TEntity>(context).FindProperty(property)!, value);

    private static object? ToProvider(IProperty property, object? value)
    {
        var converter = property.GetTypeMapping().Converter;
        return value is null || converter is null ? value : converter.ConvertToProvider(value);
    }

    private static string Get(DbContext context, string key, Func<DbContext, string> build)
        => Statements.GetValue(context.Model, static _ => new(StringComparer.Ordinal)).GetOrAdd(key, static (_, c) => c.Build(c.Context), (Build: build, Context: context));

    private static IEntityType EntityType<TEntity>(DbContext context)
        => context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException(
                $"The model of {context.GetType().Name} has no {typeof(TEntity).Name}. Call modelBuilder.UsePasskeys() in OnModelCreating.");

    private static QuotedTable Table<TEntity>(DbContext context)
        => new(EntityType<TEntity>(context), context.GetService<ISqlGenerationHelper>());

    private readonly record struct QuotedTable(IEntityType EntityType, ISqlGenerationHelper Sql)
    {
        private StoreObjectIdentifier StoreObject => StoreObjectIdentifier.Table(EntityType.GetTableName()!, EntityType.GetSchema());

        public string Name => Sql.DelimitIdentifier(EntityType.GetTableName()!, EntityType.GetSchema());

        public string Column(string property) => Sql.DelimitIdentifier(EntityType.FindProperty(property)!.GetColumnName(StoreObject)!);
    }
}
