using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// Fired by a model's cron trigger: starts a run (trigger Schedule) on the scheduler that
/// <see cref="IRunPlacement"/> picks (a GPU-marked model's retrain goes to the GPU one). An active run
/// of the same kind makes it skip, with a log line.
/// </summary>
internal sealed class ScheduledStartJob(JobRuns runs, IRunPlacement placement, ILogger<ScheduledStartJob> log) : IJob
{
    public const string ModelKey = "model";
    public const string KindKey = "kind";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var model = (string)context.MergedJobDataMap[ModelKey]!;
        var kind = Enum.Parse<JobKind>((string)context.MergedJobDataMap[KindKey]!);
        try
        {
            var place = await placement.PlaceAsync(kind, model, cancellationToken);
            var run = await runs.StartAsync(kind, model, JobRunTrigger.Schedule, Actor.Job("scheduler"), place.Parameters, place.RequiresGpu, cancellationToken);
            log.LogInformation("Schedule {Kind} of {Model} started run {RunId}.", kind, model, run.Id);
        }
        catch (DomainException ex) when (ex.Kind is DomainErrorKind.Conflict or DomainErrorKind.NotFound)
        {
            log.LogWarning("Schedule {Kind} of {Model} skipped: {Reason}", kind, model, ex.Message);
        }
    }
}
