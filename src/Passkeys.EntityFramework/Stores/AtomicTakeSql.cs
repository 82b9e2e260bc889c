using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Passkeys.EntityFramework.Stores;

/// <summary>
/// Builds <c>DELETE FROM table WHERE key = {0} RETURNING *</c> from the model's own table and column names,
/// quoted by the provider. One statement reads and deletes the row, so only one caller can ever get it back;
/// SQLite (3.35 and later) and PostgreSQL both support it.
/// </summary>
internal static class AtomicTakeSql
{
    private static readonly ConditionalWeakTable<IModel, Dictionary<Type, string>> Cache = [];

    public static string For<TEntity>(DbContext context, string keyProperty)
        where TEntity : class
    {
        var model = context.Model;
        var byType = Cache.GetValue(model, _ => []);
        lock (byType)
        {
            if (!byType.TryGetValue(typeof(TEntity), out var sql))
            {
                sql = Build<TEntity>(context, keyProperty);
                byType.Add(typeof(TEntity), sql);
            }

            return sql;
        }
    }

    private static string Build<TEntity>(DbContext context, string keyProperty)
    {
        var entityType = context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException(
                $"The model of {context.GetType().Name} has no {typeof(TEntity).Name}. Call modelBuilder.UsePasskeys() in OnModelCreating.");
        var table = entityType.GetTableName()!;
        var schema = entityType.GetSchema();
        var column = entityType.FindProperty(keyProperty)!.GetColumnName(StoreObjectIdentifier.Table(table, schema))!;
        var sql = context.GetService<ISqlGenerationHelper>();
        return "DELETE FROM " + sql.DelimitIdentifier(table, schema)
            + " WHERE " + sql.DelimitIdentifier(column) + " = {0} RETURNING *";
    }
}
