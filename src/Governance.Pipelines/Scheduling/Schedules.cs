using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// Per-model cron schedules: set (validated, audited, synced to a Quartz cron trigger on the CPU
/// scheduler), describe in words with next fire times, and the defaults every model gets.
/// Misfire policy: FireAndProceed — a fire missed while no worker was up runs once when one is back,
/// then the schedule continues (a missed monthly retrain is not silently skipped, nor run many times).
/// </summary>
public sealed class Schedules(GovernanceDbContext db, AuditTrail audit, QuartzSchedulers schedulers, TimeProvider time)
{
    public const string ScheduleGroup = "schedules";
    /// <summary>03:00 on the 1st of every month.</summary>
    public const string DefaultRetrainCron = "0 0 3 1 * ?";
    /// <summary>04:00 every day.</summary>
    public const string DefaultDriftCheckCron = "0 0 4 * * ?";

    public static JobKey KeyOf(string modelName, JobKind kind) => new($"schedule-{modelName}-{kind}", ScheduleGroup);

    public async Task<ModelSchedule> SetAsync(string modelName, JobKind kind, string cron, string timeZoneId, bool enabled, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (kind is not (JobKind.Retrain or JobKind.Evaluate or JobKind.DriftCheck))
        {
            throw DomainException.Invalid($"{kind} is not a per-model job; schedules exist for Retrain, Evaluate and DriftCheck.");
        }
        var zone = CronSchedule.Zone(timeZoneId);
        var expression = CronSchedule.Parse(cron, zone);
        cron = expression.CronExpressionString;
        if (!await db.Models.AsNoTracking().AnyAsync(m => m.Name == modelName, ct))
        {
            throw DomainException.NotFound($"Model '{modelName}' does not exist.");
        }
        var kindName = kind.ToString();
        ModelSchedule schedule;
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            var existing = await db.ModelSchedules.SingleOrDefaultAsync(s => s.ModelName == modelName && s.Kind == kindName, ct);
            var before = existing is null ? null : new { existing.Cron, existing.TimeZoneId, existing.Enabled };
            var now = time.GetUtcNow();
            if (existing is null)
            {
                schedule = ModelSchedule.Create(modelName, kindName, cron, zone.Id, enabled, actor.ToString(), now);
                db.ModelSchedules.Add(schedule);
            }
            else
            {
                schedule = existing;
                if (!schedule.Change(cron, zone.Id, enabled, actor.ToString(), now))
                {
                    await SyncAsync(schedule, ct);
                    return schedule;
                }
            }
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(actor, JobAuditActions.ScheduleSet, JobAuditActions.ScheduleSubject, $"{modelName}/{kindName}",
                JsonSerializer.Serialize(new { before, after = new { schedule.Cron, schedule.TimeZoneId, schedule.Enabled } })), ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        await SyncAsync(schedule, ct);
        return schedule;
    }

    /// <summary>Gives a model the default schedules it lacks: monthly retrain and daily drift check (UTC).
    /// Evaluation on new labelled data is an event (<see cref="JobRunTrigger.NewData"/>), not a cron.</summary>
    public async Task EnsureDefaultsAsync(string modelName, Actor actor, CancellationToken ct = default)
    {
        if (!await db.ModelSchedules.AsNoTracking().AnyAsync(s => s.ModelName == modelName && s.Kind == nameof(JobKind.Retrain), ct))
        {
            await SetAsync(modelName, JobKind.Retrain, DefaultRetrainCron, "UTC", true, actor, ct);
        }
        if (!await db.ModelSchedules.AsNoTracking().AnyAsync(s => s.ModelName == modelName && s.Kind == nameof(JobKind.DriftCheck), ct))
        {
            await SetAsync(modelName, JobKind.DriftCheck, DefaultDriftCheckCron, "UTC", true, actor, ct);
        }
    }

    public async Task<IReadOnlyList<ModelSchedule>> ListAsync(string? modelName = null, CancellationToken ct = default)
    {
        var q = db.ModelSchedules.AsNoTracking();
        if (modelName is not null)
        {
            q = q.Where(s => s.ModelName == modelName);
        }
        return await q.OrderBy(s => s.ModelName).ThenBy(s => s.Kind).ToListAsync(ct);
    }

    /// <summary>The stored schedule in words with its next fire times (from the injected clock).</summary>
    public async Task<ScheduleDescription> DescribeAsync(string modelName, JobKind kind, int count = 5, CancellationToken ct = default)
    {
        var kindName = kind.ToString();
        var s = await db.ModelSchedules.AsNoTracking().SingleOrDefaultAsync(x => x.ModelName == modelName && x.Kind == kindName, ct)
            ?? throw DomainException.NotFound($"Model '{modelName}' has no {kind} schedule.");
        return Describe(s.ModelName, kind, s.Cron, s.TimeZoneId, s.Enabled, count);
    }

    /// <summary>Describes a cron expression before it is saved (for previews); validates like <see cref="SetAsync"/>.</summary>
    public ScheduleDescription Describe(string modelName, JobKind kind, string cron, string timeZoneId, bool enabled = true, int count = 5)
    {
        var zone = CronSchedule.Zone(timeZoneId);
        var expression = CronSchedule.Parse(cron, zone);
        var next = enabled ? CronSchedule.NextFireTimes(expression, time.GetUtcNow(), count) : [];
        return new ScheduleDescription(modelName, kind.ToString(), expression.CronExpressionString, zone.Id, enabled,
            CronDescriber.Describe(expression.CronExpressionString) + (zone.Id == "UTC" ? " (UTC)" : $" ({zone.Id} time)"), next);
    }

    /// <summary>Makes Quartz match every stored schedule (run by workers at start, so a lost sync heals).</summary>
    public async Task SyncAllAsync(CancellationToken ct = default)
    {
        foreach (var s in await db.ModelSchedules.AsNoTracking().ToListAsync(ct))
        {
            await SyncAsync(s, ct);
        }
    }

    private async Task SyncAsync(ModelSchedule s, CancellationToken ct)
    {
        var scheduler = await schedulers.CpuAsync(ct);
        var kind = Enum.Parse<JobKind>(s.Kind);
        var key = KeyOf(s.ModelName, kind);
        if (!s.Enabled)
        {
            await scheduler.DeleteJob(key, ct);
            return;
        }
        var job = JobBuilder.Create<ScheduledStartJob>()
            .WithIdentity(key)
            .StoreDurably()
            .UsingJobData(ScheduledStartJob.ModelKey, s.ModelName)
            .UsingJobData(ScheduledStartJob.KindKey, s.Kind)
            .Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(key.Name, ScheduleGroup)
            .ForJob(key)
            .WithCronSchedule(s.Cron, c => c.InTimeZone(CronSchedule.Zone(s.TimeZoneId)).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, ct);
    }
}
