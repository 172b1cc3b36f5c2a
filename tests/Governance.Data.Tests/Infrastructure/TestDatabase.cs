using Governance.Data.Identity;
using Governance.Data.Migrations;
using Microsoft.AspNetCore.Identity;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests.Infrastructure;

/// <summary>A fresh database (SQLite file or PostgreSQL database) with the data services wired up.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteDatabase? _sqlite;
    private readonly string _artifacts;

    private TestDatabase(GovernanceDataOptions options, SqliteDatabase? sqlite, string artifacts)
    {
        Options = options;
        _sqlite = sqlite;
        _artifacts = artifacts;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGovernanceData(options);
        // As the web host registers Identity, so UserAdministration can be tested.
        services.AddIdentityCore<GovernanceUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<GovernanceDbContext>();
        Services = services.BuildServiceProvider();
    }

    public GovernanceDataOptions Options { get; }
    public DatabaseProvider Provider => Options.Provider;
    public ServiceProvider Services { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, PostgresServer? postgres, bool migrate = true)
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "gov-artifacts-" + Guid.NewGuid().ToString("N")[..12]);
        SqliteDatabase? sqlite = null;
        string connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            connectionString = await (postgres ?? throw new ArgumentNullException(nameof(postgres))).CreateDatabaseAsync();
        }
        else
        {
            sqlite = new SqliteDatabase();
            connectionString = sqlite.ConnectionString;
        }
        var db = new TestDatabase(new GovernanceDataOptions(provider, connectionString, artifacts), sqlite, artifacts);
        if (migrate)
        {
            await db.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }
        return db;
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>A context outside any scope, for arranging and asserting.</summary>
    public GovernanceDbContext NewContext() =>
        new(new DbContextOptionsBuilder<GovernanceDbContext>()
            .UseGovernance(Options)
            .Options);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Provider == DatabaseProvider.Postgres)
        {
            // Idle pooled connections would otherwise pile up across tests against max_connections.
            await using var connection = new Npgsql.NpgsqlConnection(Options.ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
        _sqlite?.Dispose();
        if (Directory.Exists(_artifacts))
        {
            Directory.Delete(_artifacts, recursive: true);
        }
    }
}

internal static class ContextOptionsExtensions
{
    public static DbContextOptionsBuilder<GovernanceDbContext> UseGovernance(this DbContextOptionsBuilder<GovernanceDbContext> builder, GovernanceDataOptions options)
    {
        ServiceCollectionExtensions.Configure(builder, options);
        return builder;
    }
}
