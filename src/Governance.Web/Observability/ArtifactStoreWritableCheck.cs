using Governance.Data.Artifacts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Web.Observability;

/// <summary>Ready when a small probe file can be written to and removed from the artifact store's root.</summary>
internal sealed class ArtifactStoreWritableCheck(ArtifactStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(store.Root, ".health-" + Guid.NewGuid().ToString("N"));
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            return HealthCheckResult.Healthy("Artifact root is writable.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"Artifact root '{store.Root}' is not writable: {e.Message}");
        }
        finally
        {
            try
            {
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing was written, or the folder vanished: the result above already says so.
            }
        }
    }
}
