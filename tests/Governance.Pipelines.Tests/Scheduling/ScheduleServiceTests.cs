using Governance.Data;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>Schedules on a node that does not execute (a web-only node): they are stored, audited and put into Quartz.</summary>
public sealed class ScheduleServiceTests : IAsyncLifetime
{
    private readonly FixedTimeProvider _time = new(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
    private SchedulerTestHost? _host;

    private SchedulerTestHost Host => _host!;

    public async Task InitializeAsync() => _host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null, o => o.RunsCpuJobs = false, _time);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task<T> With<T>(Func<Schedules, Task<T>> use)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<Schedules>());
    }

    [Fact]
    public async Task Defaults_are_a_monthly_retrain_and_a_daily_drift_check_with_their_next_fire_times()
    {
        await With(async s => { await s.EnsureDefaultsAsync(SchedulerTestHost.Model, Actor.User("alice")); return 0; });

        var retrain = await With(s => s.DescribeAsync(SchedulerTestHost.Model, JobKind.Retrain, 2));
        Assert.Equal("on day 1 of every month at 03:00 (UTC)", retrain.Words);
        Assert.Equal([new DateTimeOffset(2026, 4, 1, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 1, 3, 0, 0, TimeSpan.Zero)], retrain.NextFireTimes);
        var drift = await With(s => s.DescribeAsync(SchedulerTestHost.Model, JobKind.DriftCheck, 1));
        Assert.Equal("every day at 04:00 (UTC)", drift.Words);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 4, 0, 0, TimeSpan.Zero), Assert.Single(drift.NextFireTimes));

        var cpu = await Host.Services.GetRequiredService<QuartzSchedulers>().CpuAsync();
        Assert.True(await cpu.Exists(Schedules.KeyOf(SchedulerTestHost.Model, JobKind.Retrain)));
        Assert.True(await cpu.Exists(Schedules.KeyOf(SchedulerTestHost.Model, JobKind.DriftCheck)));
    }

    [Fact]
    public async Task Setting_a_schedule_in_Berlin_is_audited_described_and_disabling_removes_its_trigger()
    {
        await With(s => s.SetAsync(SchedulerTestHost.Model, JobKind.Retrain, "0 0 3 * * ?", "Europe/Berlin", true, Actor.User("alice")));

        var d = await With(s => s.DescribeAsync(SchedulerTestHost.Model, JobKind.Retrain, 3));
        Assert.Equal("every day at 03:00 (Europe/Berlin time)", d.Words);
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(2)], d.NextFireTimes.Select(t => t.Offset));

        await With(s => s.SetAsync(SchedulerTestHost.Model, JobKind.Retrain, "0 0 3 * * ?", "Europe/Berlin", false, Actor.User("bob")));
        var cpu = await Host.Services.GetRequiredService<QuartzSchedulers>().CpuAsync();
        Assert.False(await cpu.Exists(Schedules.KeyOf(SchedulerTestHost.Model, JobKind.Retrain)));
        Assert.Empty((await With(s => s.DescribeAsync(SchedulerTestHost.Model, JobKind.Retrain))).NextFireTimes);
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var events = await db.AuditEvents.Where(e => e.Action == JobAuditActions.ScheduleSet).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["user:alice", "user:bob"], events.Select(e => e.Actor));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_clear_error_and_nothing_is_stored()
    {
        var cron = await Assert.ThrowsAsync<DomainException>(() => With(s => s.SetAsync(SchedulerTestHost.Model, JobKind.Retrain, "0 0 3 1 *", "UTC", true, Actor.User("alice"))));
        Assert.Contains("6 or 7", cron.Message, StringComparison.Ordinal);
        var zone = await Assert.ThrowsAsync<DomainException>(() => With(s => s.SetAsync(SchedulerTestHost.Model, JobKind.Retrain, "0 0 3 1 * ?", "Europe/Atlantis", true, Actor.User("alice"))));
        Assert.Contains("Europe/Atlantis", zone.Message, StringComparison.Ordinal);
        var model = await Assert.ThrowsAsync<DomainException>(() => With(s => s.SetAsync("no-such-model", JobKind.Retrain, "0 0 3 1 * ?", "UTC", true, Actor.User("alice"))));
        Assert.Equal(DomainErrorKind.NotFound, model.Kind);
        var kind = await Assert.ThrowsAsync<DomainException>(() => With(s => s.SetAsync(SchedulerTestHost.Model, JobKind.DeliverWebhooks, "0 0 3 1 * ?", "UTC", true, Actor.User("alice"))));
        Assert.Equal(DomainErrorKind.Invalid, kind.Kind);
        Assert.Empty(await With(s => s.ListAsync()));
    }

    [Fact]
    public async Task A_web_only_node_queues_runs_without_executing_them()
    {
        var run = await Host.StartRunAsync("succeed");

        var cpu = await Host.Services.GetRequiredService<QuartzSchedulers>().CpuAsync();
        Assert.True(await cpu.Exists(JobDispatcher.KeyOf(run.Id)));
        Assert.NotEqual(SchedulerStatus.Running, cpu.Status);
        Assert.Equal(Governance.Domain.Jobs.JobRunStatus.Queued, (await Host.WithAsync(r => r.GetAsync(run.Id)))!.Status);
    }
}
