using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// Ready when every scheduler this node's roles call for is started and not shut down; a web-only
/// node runs none, so it is ready as soon as it can add triggers.
/// </summary>
public sealed class SchedulerHealthCheck(QuartzSchedulers schedulers, SchedulerOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.RunsCpuJobs && !await IsRunningAsync(await schedulers.CpuAsync(cancellationToken), cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The CPU job scheduler is not running on this worker node.");
        }
        if (options.RunsGpuJobs && !await IsRunningAsync(await schedulers.GpuAsync(cancellationToken), cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The GPU job scheduler is not running on this gpu-worker node.");
        }
        return HealthCheckResult.Healthy(options.RunsCpuJobs || options.RunsGpuJobs ? "Schedulers running." : "No job scheduler on this node (web only).");
    }

    private static async Task<bool> IsRunningAsync(Quartz.IScheduler scheduler, CancellationToken ct) =>
        await scheduler.GetStatus(ct) == Quartz.SchedulerStatus.Running;
}
