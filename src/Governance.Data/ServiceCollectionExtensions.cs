using Governance.Data.Access;
using Governance.Data.Artifacts;
using Governance.Data.Audit;
using Governance.Data.Datasets;
using Governance.Data.Migrations;
using Governance.Data.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Data;

/// <summary>Registers the data layer: DbContext, migrator, audit trail, registry, artifact store.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Reads <c>Database:Provider</c> (Sqlite | Postgres), <c>ConnectionStrings:Governance</c> and
    /// <c>Artifacts:Root</c>. With nothing configured the database is SQLite at
    /// <c>&lt;contentRoot&gt;/data/governance.db</c> and artifacts go to <c>&lt;contentRoot&gt;/data/artifacts</c>.
    /// </summary>
    public static IServiceCollection AddGovernanceData(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = ResolveOptions(config, contentRoot);
        return services.AddGovernanceData(options);
    }

    /// <summary>Registers the data layer with options already resolved (tests, tools).</summary>
    public static IServiceCollection AddGovernanceData(this IServiceCollection services, GovernanceDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContext<GovernanceDbContext>(o => Configure(o, options));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton(sp => new ArtifactStore(options.ArtifactRoot));
        services.AddSingleton<DatasetFileParser>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<ModelRegistry>();
        services.AddScoped<AccessAdministration>();
        // Needs the host's Identity registration (UserManager, RoleManager); resolved only when used.
        services.AddScoped<UserAdministration>();
        return services;
    }

    /// <summary>Points a context builder at the configured database (also used by tests and tools).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, GovernanceDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(PostgresConnectionDefaults.Apply(options.ConnectionString)),
            _ => builder.UseSqlite(options.ConnectionString),
        };
    }

    /// <summary>Resolves provider, connection string and artifact root from configuration.</summary>
    public static GovernanceDataOptions ResolveOptions(IConfiguration config, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRoot);
        var providerText = config["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Database:Provider '{providerText}' is not supported; use Sqlite or Postgres.");
        }

        var dataDir = Path.Combine(Path.GetFullPath(contentRoot), "data");
        var connectionString = config.GetConnectionString("Governance");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Governance is not set.");
            }
            Directory.CreateDirectory(dataDir);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "governance.db") }.ToString();
        }
        else if (provider == DatabaseProvider.Sqlite)
        {
            // A relative SQLite file is made relative to the content root, and its folder created.
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
            {
                builder.DataSource = Path.GetFullPath(source, Path.GetFullPath(contentRoot));
                Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
                connectionString = builder.ToString();
            }
        }

        var artifactRoot = config["Artifacts:Root"];
        artifactRoot = string.IsNullOrWhiteSpace(artifactRoot)
            ? Path.Combine(dataDir, "artifacts")
            : Path.GetFullPath(artifactRoot, Path.GetFullPath(contentRoot));
        return new GovernanceDataOptions(provider, connectionString, artifactRoot);
    }
}
