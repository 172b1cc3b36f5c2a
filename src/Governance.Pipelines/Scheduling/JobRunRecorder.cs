using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Observability;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// The executing node's writes to a run, each in one write transaction with its audit event (for
/// final outcomes). Every write after the start is fenced by the attempt number: if another node
/// has recovered the run since (attempt + 1), this node's late writes change nothing.
/// </summary>
internal sealed class JobRunRecorder(GovernanceDbContext db, AuditTrail audit, TimeProvider time, GovernanceMetrics? metrics = null)
{
    /// <summary>
    /// Claims the run for this node (Queued -> Running, or Running -> Running when Quartz recovers the
    /// firing of a dead node; attempt + 1). Null when there is nothing to run: final, already running
    /// elsewhere (a duplicate trigger), or on the other scheduler (a GPU run that fell back to the CPU).
    /// </summary>
    public async Task<JobRun?> StartAsync(Guid runId, string node, bool recovering, bool onGpuScheduler, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var run = await db.JobRuns.SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.IsFinal || (run.Status == JobRunStatus.Running && !recovering) || run.RequiresGpu != onGpuScheduler)
        {
            return null;
        }
        if (run.CancelRequestedAt is not null)
        {
            run.Cancel(time.GetUtcNow());
            await audit.AppendAsync(Entry(run, JobAuditActions.RunCancelled, new { attempts = run.Attempts }), ct);
            await tx.CommitAsync(ct);
            return null;
        }
        run.Start(node, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return run;
    }

    /// <summary>Applies a change to the run if this node still owns it (same attempt, still Running). Returns the run, or null when it lost ownership.</summary>
    public async Task<JobRun?> FinishAsync(Guid runId, int attempt, Action<JobRun, DateTimeOffset> change, string? auditAction, CancellationToken ct)
    {
        try
        {
            return await TryFinishAsync(runId, attempt, change, auditAction, ct);
        }
        catch
        {
            // A failed write (database away) must not leave a changed run in the tracker for the retry to reuse.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task<JobRun?> TryFinishAsync(Guid runId, int attempt, Action<JobRun, DateTimeOffset> change, string? auditAction, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var run = await db.JobRuns.SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.Attempts != attempt || run.Status != JobRunStatus.Running)
        {
            return null;
        }
        change(run, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (auditAction is not null)
        {
            await audit.AppendAsync(Entry(run, auditAction, new { attempts = run.Attempts, node = run.NodeName, error = run.Error }), ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        // Counted after the commit, so /metrics never shows a state the database does not hold.
        metrics?.JobRun(run.Kind, run.Status.ToString(), run.FinishedAt - run.StartedAt);
        return run;
    }

    /// <summary>Whether the run's cancellation was requested, or another node took it over.</summary>
    public async Task<(bool CancelRequested, bool Lost)> PollAsync(Guid runId, int attempt, CancellationToken ct)
    {
        var row = await db.JobRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.CancelRequestedAt, r.Attempts, r.Status }).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return (false, true);
        }
        return (row.CancelRequestedAt is not null, row.Attempts != attempt || row.Status != JobRunStatus.Running);
    }

    internal static AuditEntry Entry(JobRun run, string action, object details) =>
        new(Actor.Job(run.Kind.ToLowerInvariant()), action, JobAuditActions.RunSubject, run.Id.ToString(),
            JsonSerializer.Serialize(new { kind = run.Kind, model = run.ModelName, status = run.Status.ToString(), details }));
}
