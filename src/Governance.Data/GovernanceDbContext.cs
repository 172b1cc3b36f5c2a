using System.Text;
using Governance.Data.Configuration;
using Governance.Data.Identity;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data;

/// <summary>
/// The one EF Core model for both databases: registry, audit trail, API tokens and ASP.NET Core Identity.
/// The schema itself comes from the SQL files in migrations/; a test keeps this model and them in step.
/// </summary>
public class GovernanceDbContext(DbContextOptions<GovernanceDbContext> options) : IdentityDbContext<GovernanceUser>(options)
{
    public DbSet<Model> Models => Set<Model>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>Which database this context talks to.</summary>
    public DatabaseProvider Provider => Database.ProviderName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        var other => throw new NotSupportedException($"Database provider '{other}' is not supported."),
    };

    /// <summary>
    /// The Identity tables are pinned to schema version 2 (no passkeys table) whatever the host's
    /// IdentityOptions say, because migrations/ creates exactly those tables.
    /// </summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version2;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Provider == DatabaseProvider.Sqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ValueConversions.UnixMicrosecondsConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ValueConversions.UtcConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<GovernanceUser>().Property(u => u.DisplayName).HasMaxLength(200);
        builder.ApplyConfigurationsFromAssembly(typeof(GovernanceDbContext).Assembly);

        // Our own tables use snake_case columns (plain SQL reads naturally on PostgreSQL); the Identity
        // tables keep Identity's default names so its documentation and tooling still apply.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("Governance.Domain", StringComparison.Ordinal) == true))
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
