using Governance.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Web.Observability;

/// <summary>Ready when the database answers and every embedded migration is recorded as applied.</summary>
internal sealed class DatabaseReadyCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var applied = await migrator.AppliedAsync(cancellationToken);
            var pending = migrator.Scripts.Where(s => !applied.ContainsKey(s.Version)).Select(s => s.Version).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{applied.Count} migration(s) applied.")
                : HealthCheckResult.Unhealthy($"Migration(s) {string.Join(", ", pending)} not applied yet.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The message of a connection failure names host and database, never the password.
            return HealthCheckResult.Unhealthy($"Database unreachable: {e.GetType().Name}: {e.Message}");
        }
    }
}
