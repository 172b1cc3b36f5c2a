using Governance.Data.Migrations;
using Governance.Data.Tests.Infrastructure;
using Governance.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests.Migrations;

public abstract class MigratorTests(DatabaseProvider provider, PostgresServer? postgres) : DatabaseTestBase(provider, postgres)
{
    protected override bool Migrate => false;

    private DatabaseMigrator Migrator => Db.Services.GetRequiredService<DatabaseMigrator>();

    [Fact]
    public async Task Applies_every_script_once_and_records_its_checksum()
    {
        var applied = await Migrator.MigrateAsync();

        Assert.Equal(Migrator.Scripts.Select(s => s.Version), applied);
        Assert.Contains(1, applied);
        var recorded = await Migrator.AppliedAsync();
        Assert.Equal(Migrator.Scripts.ToDictionary(s => s.Version, s => s.Checksum), recorded);
        Assert.Equal(0, await Db.CountAsync("audit_events"));
    }

    [Fact]
    public async Task A_second_run_applies_nothing()
    {
        await Migrator.MigrateAsync();

        var again = await Migrator.MigrateAsync();

        Assert.Empty(again);
        Assert.Equal(Migrator.Scripts.Count, await Db.CountAsync("schema_migrations"));
    }

    [Fact]
    public async Task A_changed_applied_script_is_an_error_naming_the_file()
    {
        await Migrator.MigrateAsync();
        var first = Migrator.Scripts[0];
        var changed = MigrationScript.Parse(first.FileName, System.Text.Encoding.UTF8.GetBytes(first.Sql + "\n-- edited\n"));
        var tampered = new DatabaseMigrator(Db.Options, [changed, .. Migrator.Scripts.Skip(1)], TimeProvider.System);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tampered.MigrateAsync());

        Assert.Contains(first.FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_script_rolls_back_and_is_not_recorded()
    {
        await Migrator.MigrateAsync();
        var broken = MigrationScript.Parse("9001_broken.sql",
            System.Text.Encoding.UTF8.GetBytes("CREATE TABLE half_done (id integer);\nSELECT * FROM no_such_table;"));
        var migrator = new DatabaseMigrator(Db.Options, [.. Migrator.Scripts, broken], TimeProvider.System);

        await Assert.ThrowsAnyAsync<Exception>(() => migrator.MigrateAsync());

        Assert.DoesNotContain(9001, (await migrator.AppliedAsync()).Keys);
        var leftover = Provider == DatabaseProvider.Postgres
            ? await Db.QueryAsync("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'")
            : await Db.QueryAsync("SELECT 1 FROM sqlite_master WHERE name = 'half_done'");
        Assert.Empty(leftover);
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_script_exactly_once()
    {
        // Separate migrator instances, as separate nodes would have, all starting together.
        var migrators = Enumerable.Range(0, 4).Select(_ => new DatabaseMigrator(Db.Options, TimeProvider.System)).ToList();
        using var go = new ManualResetEventSlim();
        var runs = migrators.Select(m => Task.Run(async () =>
        {
            go.Wait();
            return await m.MigrateAsync();
        })).ToList();
        go.Set();

        var results = await Task.WhenAll(runs);

        Assert.Equal(Migrator.Scripts.Count, results.Sum(r => r.Count));
        Assert.Single(results, r => r.Count > 0);
        Assert.Equal(Migrator.Scripts.Count, await Db.CountAsync("schema_migrations"));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigratorTests(PostgresFixture fixture) : MigratorTests(DatabaseProvider.Postgres, fixture.Server);

public sealed class SqliteMigratorTests() : MigratorTests(DatabaseProvider.Sqlite, null);
