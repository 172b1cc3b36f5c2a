using Governance.Pipelines.Jobs;
using Quartz;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// The periodic housekeeping a worker node schedules on start: <see cref="JobKind.ExpireApprovals"/>
/// every <see cref="SchedulerOptions.ExpireApprovalsInterval"/> and <see cref="JobKind.DeliverWebhooks"/>
/// every <see cref="SchedulerOptions.DeliverWebhooksInterval"/>, as repeating triggers on the CPU
/// scheduler (stored, so in a cluster one worker fires each sweep). Re-scheduled on every worker start,
/// so a changed interval takes effect; missed sweeps are not made up (the next one does their work).
/// </summary>
public sealed class Housekeeping(QuartzSchedulers schedulers, SchedulerOptions options, TimeProvider time)
{
    public const string Group = "housekeeping";

    public static IReadOnlyList<JobKind> Kinds { get; } = [JobKind.ExpireApprovals, JobKind.DeliverWebhooks];

    public static JobKey KeyOf(JobKind kind) => new($"housekeeping-{kind}", Group);

    public TimeSpan IntervalOf(JobKind kind) => kind switch
    {
        JobKind.ExpireApprovals => options.ExpireApprovalsInterval,
        JobKind.DeliverWebhooks => options.DeliverWebhooksInterval,
        _ => throw new ArgumentException($"{kind} is not a housekeeping kind.", nameof(kind)),
    };

    /// <summary>Adds (or replaces) the repeating trigger of every housekeeping kind.</summary>
    public async Task ScheduleAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.CpuAsync(ct);
        foreach (var kind in Kinds)
        {
            var key = KeyOf(kind);
            var job = JobBuilder.Create<HousekeepingJob>()
                .WithIdentity(key)
                .StoreDurably()
                .UsingJobData(HousekeepingJob.KindKey, kind.ToString())
                .Build();
            var interval = IntervalOf(kind);
            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(key.Name, Group)
                .ForJob(key)
                .StartAt(time.GetUtcNow() + interval)
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, ct);
        }
    }
}
