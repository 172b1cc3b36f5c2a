using Governance.Data;
using Governance.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// One sweep over queued runs, done by CPU workers every <see cref="SchedulerOptions.WatchInterval"/>:
/// a GPU run no GPU worker took within <see cref="SchedulerOptions.GpuWaitBeforeFallback"/> moves to the
/// CPU scheduler when its parameters say <c>allowCpuFallback=true</c>, otherwise its status line says it
/// waits for a GPU worker; a queued run whose Quartz trigger is missing (its node died between the
/// commit and the trigger) gets a new one.
/// </summary>
public sealed class RunWatcher(GovernanceDbContext db, JobDispatcher dispatcher, SchedulerOptions options, TimeProvider time, ILogger<RunWatcher> log)
{
    public async Task SweepAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var queued = await db.JobRuns.AsNoTracking().Where(r => r.Status == JobRunStatus.Queued).OrderBy(r => r.CreatedAt).Take(500).ToListAsync(ct);
        foreach (var run in queued)
        {
            var waitingSince = run.NextRetryAt ?? run.CreatedAt;
            if (run.RequiresGpu && now - waitingSince >= options.GpuWaitBeforeFallback)
            {
                await HandleGpuWaitAsync(run.Id, now, ct);
            }
            else if (now - (run.NextRetryAt ?? run.UpdatedAt) >= options.OrphanAfter && !await dispatcher.IsDispatchedAsync(run, ct))
            {
                log.LogWarning("Run {RunId} was queued without a Quartz trigger; dispatching it again.", run.Id);
                await dispatcher.DispatchAsync(run, null, ct);
            }
        }
        await RequeueStrandedAsync(now, ct);
    }

    // While a run executes, its Quartz job exists (its firing is in progress, or awaits recovery after a
    // crash). A Running run without one was left behind by an executor that could not write its outcome.
    private async Task RequeueStrandedAsync(DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - options.OrphanAfter;
        var running = await db.JobRuns.AsNoTracking().Where(r => r.Status == JobRunStatus.Running && r.UpdatedAt < cutoff)
            .OrderBy(r => r.UpdatedAt).Take(100).ToListAsync(ct);
        foreach (var stale in running)
        {
            if (await dispatcher.IsDispatchedAsync(stale, ct))
            {
                continue;
            }
            JobRun? requeued = null;
            await using (var tx = await db.BeginWriteAsync(ct))
            {
                var run = await db.JobRuns.SingleOrDefaultAsync(r => r.Id == stale.Id, ct);
                if (run is null || run.Status != JobRunStatus.Running || run.Attempts != stale.Attempts)
                {
                    continue;
                }
                run.Requeue($"attempt {run.Attempts} on {run.NodeName} ended without an outcome; queued again", now);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                requeued = run;
            }
            db.ChangeTracker.Clear();
            log.LogWarning("Run {RunId} was Running without a Quartz job; queued it again.", requeued.Id);
            await dispatcher.DispatchAsync(requeued, null, ct);
        }
    }

    private async Task HandleGpuWaitAsync(Guid runId, DateTimeOffset now, CancellationToken ct)
    {
        JobRun? moved = null;
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            var run = await db.JobRuns.SingleOrDefaultAsync(r => r.Id == runId, ct);
            if (run is null || run.Status != JobRunStatus.Queued || !run.RequiresGpu)
            {
                return;
            }
            var waited = options.GpuWaitBeforeFallback;
            if (JobRunQuartzJob.ParseParameters(run.Parameters).TryGetValue(JobRuns.AllowCpuFallbackParameter, out var allow)
                && bool.TryParse(allow, out var allowed) && allowed)
            {
                run.FallBackToCpu($"no GPU worker took the run within {waited}; running on a CPU worker (allowCpuFallback)", now);
                moved = run;
            }
            else
            {
                var line = $"waiting for a GPU worker: none has taken the run within {waited} (CPU fallback not allowed)";
                if (run.StatusLine == line)
                {
                    return;
                }
                run.SetStatusLine(line);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        if (moved is not null)
        {
            log.LogInformation("GPU run {RunId} falls back to the CPU scheduler.", runId);
            await dispatcher.RemoveAsync(runId, ct);
            await dispatcher.DispatchAsync(moved, null, ct);
        }
    }
}
