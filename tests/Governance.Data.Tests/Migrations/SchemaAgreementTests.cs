using Governance.Data.Tests.Infrastructure;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Governance.Data.Tests.Migrations;

/// <summary>
/// The SQL files are the schema's source of truth and the EF model must describe exactly that:
/// every table, column (type and nullability) and index the model expects exists after migrating,
/// and the database has nothing the model does not know (but the migrator's own table).
/// </summary>
public abstract class SchemaAgreementTests(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTestBase(provider, postgres)
{
    [Fact]
    public async Task Every_table_and_column_of_the_model_matches_the_migrated_schema()
    {
        var expected = ExpectedColumns();
        var actual = Provider == DatabaseProvider.Postgres ? await PostgresColumnsAsync() : await SqliteColumnsAsync();

        var missing = expected.Keys.Except(actual.Keys).Order().ToList();
        var extra = actual.Keys.Except(expected.Keys).Order().ToList();
        var different = expected.Keys.Intersect(actual.Keys)
            .Where(k => expected[k] != actual[k])
            .Select(k => $"{k}: model {expected[k]}, database {actual[k]}").Order().ToList();

        Assert.True(missing.Count == 0, "Columns the model expects but the database lacks: " + string.Join(", ", missing));
        Assert.True(extra.Count == 0, "Columns the database has but the model lacks: " + string.Join(", ", extra));
        Assert.True(different.Count == 0, "Columns that differ: " + string.Join("; ", different));
        Assert.Contains(expected.Keys, k => k.StartsWith("AspNetUsers.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_index_of_the_model_exists_with_the_same_uniqueness()
    {
        var expected = ExpectedIndexes();
        var actual = Provider == DatabaseProvider.Postgres ? await PostgresIndexesAsync() : await SqliteIndexesAsync();

        var problems = expected
            .Where(e => !actual.TryGetValue(e.Key, out var unique) || unique != e.Value)
            .Select(e => actual.TryGetValue(e.Key, out var u) ? $"{e.Key} unique={u}, model unique={e.Value}" : $"{e.Key} missing")
            .ToList();
        Assert.True(problems.Count == 0, "Index mismatches: " + string.Join("; ", problems));
        Assert.Contains("IX_models_name", expected.Keys);
    }

    private Dictionary<string, string> ExpectedColumns()
    {
        using var context = Db.NewContext();
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in context.Model.GetEntityTypes())
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var type = property.GetColumnType().ToUpperInvariant();
                columns[$"{table.Name}.{property.GetColumnName(table)}"] = $"{type} {(property.IsColumnNullable(table) ? "NULL" : "NOT NULL")}";
            }
        }
        return columns;
    }

    private Dictionary<string, bool> ExpectedIndexes()
    {
        using var context = Db.NewContext();
        return context.Model.GetEntityTypes().SelectMany(e => e.GetIndexes())
            .ToDictionary(i => i.GetDatabaseName()!, i => i.IsUnique, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, string>> PostgresColumnsAsync()
    {
        var rows = await Db.QueryAsync(
            "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable " +
            "FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'");
        return rows.ToDictionary(
            r => $"{r[0]}.{r[1]}",
            r => $"{((string)r[2]!).ToUpperInvariant()}{(r[3] is null ? "" : $"({r[3]})")} {((string)r[4]! == "YES" ? "NULL" : "NOT NULL")}",
            StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, string>> SqliteColumnsAsync()
    {
        var rows = await Db.QueryAsync(
            "SELECT m.name, c.name, c.type, c.\"notnull\" FROM sqlite_master m JOIN pragma_table_info(m.name) c " +
            "WHERE m.type = 'table' AND m.name NOT IN ('schema_migrations', 'sqlite_sequence')");
        return rows.ToDictionary(
            r => $"{r[0]}.{r[1]}",
            r => $"{((string)r[2]!).ToUpperInvariant()} {((long)r[3]! == 1 ? "NOT NULL" : "NULL")}",
            StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, bool>> PostgresIndexesAsync()
    {
        var rows = await Db.QueryAsync("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'");
        return rows.ToDictionary(r => (string)r[0]!, r => ((string)r[1]!).StartsWith("CREATE UNIQUE", StringComparison.Ordinal), StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, bool>> SqliteIndexesAsync()
    {
        var rows = await Db.QueryAsync(
            "SELECT i.name, i.\"unique\" FROM sqlite_master m JOIN pragma_index_list(m.name) i WHERE m.type = 'table'");
        return rows.ToDictionary(r => (string)r[0]!, r => (long)r[1]! == 1, StringComparer.Ordinal);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaAgreementTests(PostgresFixture fixture) : SchemaAgreementTests(DatabaseProvider.Postgres, fixture.Server);

public sealed class SqliteSchemaAgreementTests() : SchemaAgreementTests(DatabaseProvider.Sqlite, null);
