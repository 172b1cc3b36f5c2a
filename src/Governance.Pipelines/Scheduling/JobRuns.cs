using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// Runs for the host and the portal: start now, cancel, retry, read, list, logs. Each change and its
/// audit event commit in one write transaction; the Quartz trigger is added after the commit.
/// One active (Queued or Running) run per model and kind: a second start is refused with a conflict
/// naming the active run (guarded in the transaction and by a unique partial index).
/// </summary>
public sealed class JobRuns(GovernanceDbContext db, AuditTrail audit, JobDispatcher dispatcher, SchedulerOptions options, TimeProvider time, ILogger<JobRuns> log)
{
    /// <summary>Parameter that lets a GPU run fall back to the CPU scheduler when no GPU worker takes it in time.</summary>
    public const string AllowCpuFallbackParameter = "allowCpuFallback";

    /// <summary>Queues a run and wakes a worker for it now.</summary>
    public async Task<JobRun> StartAsync(JobKind kind, string? modelName, JobRunTrigger trigger, Actor initiator,
        IReadOnlyDictionary<string, string>? parameters = null, bool requiresGpu = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(initiator);
        if (!Enum.IsDefined(kind))
        {
            throw DomainException.Invalid($"Unknown job kind {(int)kind}.");
        }
        if (modelName is not null && !await db.Models.AsNoTracking().AnyAsync(m => m.Name == modelName, ct))
        {
            throw DomainException.NotFound($"Model '{modelName}' does not exist.");
        }
        var json = JsonSerializer.Serialize(parameters ?? new Dictionary<string, string>());
        var run = JobRun.Queue(kind.ToString(), modelName, trigger, InitiatorName(initiator), json, requiresGpu,
            options.DefaultMaxAttempts, time.GetUtcNow());
        await WriteAsync(async () =>
        {
            await RefuseSecondActiveAsync(run.Kind, modelName, ct);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(JobRunRecorder.Entry(run, JobAuditActions.RunQueued,
                new { trigger = trigger.ToString(), initiator = initiator.ToString(), requiresGpu, parameters = parameters ?? new Dictionary<string, string>() })
                with { Actor = initiator }, ct);
        }, ct);
        await DispatchAfterCommitAsync(run, null, ct);
        return run;
    }

    /// <summary>Cancels a queued run at once; asks a running one to stop at its next check.</summary>
    public async Task<JobRun> CancelAsync(Guid runId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        JobRun? run = null;
        await WriteAsync(async () =>
        {
            run = await db.JobRuns.SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw DomainException.NotFound($"Run {runId} does not exist.");
            run.RequestCancel(actor.ToString(), time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            var action = run.Status == JobRunStatus.Cancelled ? JobAuditActions.RunCancelled : JobAuditActions.RunCancelRequested;
            await audit.AppendAsync(JobRunRecorder.Entry(run, action, new { by = actor.ToString() }) with { Actor = actor }, ct);
        }, ct);
        if (run!.Status == JobRunStatus.Cancelled)
        {
            await dispatcher.RemoveAsync(runId, ct);
        }
        return run;
    }

    /// <summary>Starts a new run (trigger Retry) with the kind, model and parameters of a failed or cancelled one.</summary>
    public async Task<JobRun> RetryAsync(Guid runId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        JobRun? retry = null;
        await WriteAsync(async () =>
        {
            var old = await db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
                ?? throw DomainException.NotFound($"Run {runId} does not exist.");
            if (old.Status is not (JobRunStatus.Failed or JobRunStatus.Cancelled))
            {
                throw DomainException.Conflict($"Run {runId} is {old.Status}; only failed or cancelled runs can be retried.");
            }
            await RefuseSecondActiveAsync(old.Kind, old.ModelName, ct);
            retry = JobRun.Queue(old.Kind, old.ModelName, JobRunTrigger.Retry, InitiatorName(actor), old.Parameters, old.RequiresGpu,
                old.MaxAttempts, time.GetUtcNow(), retryOf: old.Id);
            db.JobRuns.Add(retry);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(JobRunRecorder.Entry(retry, JobAuditActions.RunRetried, new { retryOf = old.Id }) with { Actor = actor }, ct);
        }, ct);
        await DispatchAfterCommitAsync(retry!, null, ct);
        return retry!;
    }

    public Task<JobRun?> GetAsync(Guid runId, CancellationToken ct = default) =>
        db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);

    /// <summary>Runs matching the filter, newest first, by keyset on the creation time (no OFFSET).</summary>
    public async Task<JobRunPage> ListAsync(JobRunQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > JobRunQuery.MaxPageSize)
        {
            throw DomainException.Invalid($"Page size must be between 1 and {JobRunQuery.MaxPageSize}; got {query.PageSize}.");
        }
        var q = db.JobRuns.AsNoTracking();
        if (query.ModelName is { } model)
        {
            q = q.Where(r => r.ModelName == model);
        }
        if (query.Kind is { } kind)
        {
            q = q.Where(r => r.Kind == kind);
        }
        if (query.Status is { } status)
        {
            q = q.Where(r => r.Status == status);
        }
        if (query.CreatedBefore is { } before)
        {
            q = q.Where(r => r.CreatedAt < before);
        }
        var rows = await q.OrderByDescending(r => r.CreatedAt).Take(query.PageSize + 1).ToListAsync(ct);
        var more = rows.Count > query.PageSize;
        rows = rows.Take(query.PageSize).ToList();
        return new JobRunPage(rows, more ? rows[^1].CreatedAt : null);
    }

    /// <summary>Log lines after sequence <paramref name="afterSequence"/> (0 for all), oldest first.</summary>
    public async Task<IReadOnlyList<JobRunLog>> LogsAsync(Guid runId, int afterSequence = 0, int max = 1000, CancellationToken ct = default)
    {
        if (max is < 1 or > 10_000)
        {
            throw DomainException.Invalid($"Max log lines must be between 1 and 10000; got {max}.");
        }
        return await db.JobRunLogs.AsNoTracking().Where(l => l.RunId == runId && l.Sequence > afterSequence)
            .OrderBy(l => l.Sequence).Take(max).ToListAsync(ct);
    }

    private async Task RefuseSecondActiveAsync(string kind, string? modelName, CancellationToken ct)
    {
        if (modelName is null)
        {
            return;
        }
        var active = await db.JobRuns.AsNoTracking()
            .Where(r => r.ModelName == modelName && r.Kind == kind && (r.Status == JobRunStatus.Queued || r.Status == JobRunStatus.Running))
            .Select(r => new { r.Id, r.Status }).FirstOrDefaultAsync(ct);
        if (active is not null)
        {
            throw DomainException.Conflict($"A {kind} run of model '{modelName}' is already {active.Status} (run {active.Id}); wait for it or cancel it first.");
        }
    }

    private async Task WriteAsync(Func<Task> change, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        try
        {
            await change();
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw DomainException.Conflict("Another run of this kind for this model became active at the same moment; wait for it or cancel it first.");
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
        db.ChangeTracker.Clear();
    }

    private async Task DispatchAfterCommitAsync(JobRun run, DateTimeOffset? at, CancellationToken ct)
    {
        try
        {
            await dispatcher.DispatchAsync(run, at, ct);
        }
#pragma warning disable CA1031 // the run is committed; a failed wake-up is re-made by the watcher (orphan sweep)
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.LogError(ex, "Run {RunId} is queued but its Quartz trigger could not be added; the watcher will add it.", run.Id);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sq => sq.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    private static string InitiatorName(Actor actor) => actor.Kind is ActorKind.User or ActorKind.Token ? actor.Name : "scheduler";
}
