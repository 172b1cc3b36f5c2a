using Governance.Domain.Access;
using Governance.Pipelines.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// One sweep of a housekeeping kind (expire approvals, deliver webhooks), fired by its repeating
/// trigger on one worker of the cluster. It runs the kind's <see cref="IJobHandler"/> directly, without a
/// JobRun row: a sweep every minute would otherwise fill the runs list and the audit trail with
/// "nothing to do". What a sweep changes is audited by the handler's use case; failures are logged
/// and the next sweep tries again.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class HousekeepingJob(IServiceProvider services, ILogger<HousekeepingJob> log) : IJob
{
    public const string KindKey = "kind";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var kind = Enum.Parse<JobKind>((string)context.MergedJobDataMap[KindKey]!);
        var handler = services.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == kind);
        if (handler is null)
        {
            log.LogWarning("Housekeeping {Kind}: no handler is registered.", kind);
            return;
        }
        var name = kind.ToString().ToLowerInvariant();
        var progress = new LoggedProgress(log, kind);
        var job = new JobContext(Guid.NewGuid(), kind, null, Actor.Job(name), "scheduler", 1, new Dictionary<string, string>(), progress);
        try
        {
            await handler.RunAsync(job, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The node is stopping; the next sweep (on any worker) continues.
        }
#pragma warning disable CA1031 // a failed sweep (database briefly away) is logged; the trigger fires again at the next interval
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.LogWarning(ex, "Housekeeping {Kind} failed; the next sweep tries again.", kind);
        }
    }

    /// <summary>Progress of a sweep goes to the log (Debug), lines that report changes at Information.</summary>
    private sealed class LoggedProgress(ILogger log, JobKind kind) : IJobProgress
    {
        public Task ReportAsync(double fraction, string status, CancellationToken cancellationToken)
        {
            log.LogDebug("Housekeeping {Kind}: {Status}", kind, status);
            return Task.CompletedTask;
        }

        public Task LogAsync(string message, CancellationToken cancellationToken)
        {
            log.LogInformation("Housekeeping {Kind}: {Message}", kind, message);
            return Task.CompletedTask;
        }
    }
}
