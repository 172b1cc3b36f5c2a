using Governance.Domain.Jobs;
using Quartz;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// Puts a run into Quartz: one job per run ("run-{id}" in group "runs", RequestRecovery, data: runId)
/// on the CPU or the GPU scheduler, with a one-shot trigger now or at the retry time. The run row is
/// the truth; the trigger is only the wake-up call (a lost one is re-made by the watcher).
/// </summary>
public sealed class JobDispatcher(QuartzSchedulers schedulers, TimeProvider time)
{
    public const string RunGroup = "runs";
    public const string RunIdKey = "runId";

    public static JobKey KeyOf(Guid runId) => new($"run-{runId:N}", RunGroup);

    /// <summary>Adds a trigger for the run at <paramref name="at"/> (now when null), creating its job when needed.</summary>
    public async Task DispatchAsync(JobRun run, DateTimeOffset? at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scheduler = await schedulers.ForAsync(run.RequiresGpu, ct);
        var key = KeyOf(run.Id);
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity($"run-{run.Id:N}-{Guid.NewGuid():N}", RunGroup)
            .ForJob(key)
            .StartAt(at ?? time.GetUtcNow())
            .Build();
        if (await scheduler.Exists(key, ct))
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: ct);
            return;
        }
        var job = JobBuilder.Create<JobRunQuartzJob>()
            .WithIdentity(key)
            .RequestRecovery()
            .UsingJobData(RunIdKey, run.Id.ToString())
            .Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: ct);
    }

    /// <summary>
    /// Removes the run's job and triggers from both schedulers (a cancelled queued run, a GPU run moving to
    /// the CPU). Best effort: a trigger that is firing right now cannot be removed, and need not be — the
    /// job finds the run final (or on the other scheduler) and does nothing.
    /// </summary>
    public async Task<bool> RemoveAsync(Guid runId, CancellationToken ct = default)
    {
        var key = KeyOf(runId);
        var removed = true;
        foreach (var gpu in new[] { false, true })
        {
            try
            {
                await (await schedulers.ForAsync(gpu, ct)).DeleteJob(key, ct);
            }
            catch (SchedulerException)
            {
                removed = false;
            }
        }
        return removed;
    }

    /// <summary>Whether the run has a job on the scheduler it belongs to.</summary>
    public async Task<bool> IsDispatchedAsync(JobRun run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return await (await schedulers.ForAsync(run.RequiresGpu, ct)).Exists(KeyOf(run.Id), ct);
    }
}
