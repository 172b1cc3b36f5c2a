using Governance.Data;
using Governance.Domain.Access;
using Governance.Domain.Evidence;
using Governance.Domain.Jobs;
using Governance.Domain.Releases;
using Governance.Pipelines.Features;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>
/// A model whose release policy says TrainOnGpu has its scheduled retrains (and drift-triggered ones)
/// placed on the GPU scheduler: with no GPU worker the run waits and says so, or falls back to a CPU
/// worker when the policy allows. The schedule is fired by triggering its Quartz job, not by waiting.
/// </summary>
public sealed class GpuPlacementTests
{
    [Fact]
    public async Task A_gpu_marked_models_scheduled_retrain_waits_for_a_gpu_worker_when_it_may_not_fall_back()
    {
        await using var host = await CreateAsync(new ReleasePolicy { TrainOnGpu = true, AllowCpuFallback = false });

        var run = await FireRetrainScheduleAsync(host);
        Assert.True(run.RequiresGpu);
        Assert.Equal(JobRunTrigger.Schedule, run.Trigger);
        Assert.Equal("queued; waiting for a GPU worker", run.StatusLine);
        run = await host.WaitForAsync(run.Id, r => r.StatusLine.StartsWith("waiting for a GPU worker", StringComparison.Ordinal));

        Assert.Equal(JobRunStatus.Queued, run.Status);
        Assert.Contains("CPU fallback not allowed", run.StatusLine, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Probe.Executions, e => e.RunId == run.Id);
    }

    [Fact]
    public async Task A_gpu_marked_models_scheduled_retrain_falls_back_to_the_cpu_when_its_policy_allows()
    {
        await using var host = await CreateAsync(new ReleasePolicy { TrainOnGpu = true, AllowCpuFallback = true });

        var queued = await FireRetrainScheduleAsync(host);
        Assert.True(queued.RequiresGpu);
        var run = await host.WaitForAsync(queued.Id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.False(run.RequiresGpu);
        Assert.Contains(host.Probe.Executions, e => e.RunId == run.Id);
    }

    [Fact]
    public async Task Without_the_flag_a_scheduled_retrain_runs_on_the_cpu_and_a_drift_retrain_follows_the_policy()
    {
        await using var host = await CreateAsync(new ReleasePolicy());
        var run = await FireRetrainScheduleAsync(host);
        Assert.False(run.RequiresGpu);
        await host.WaitForAsync(run.Id, r => r.IsFinal);

        await SetPolicyAsync(host, new ReleasePolicy { Version = 2, TrainOnGpu = true, AllowCpuFallback = false });
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SchedulerRetrainRequester>().RequestRetrainAsync(SchedulerTestHost.Model, "drift", default);
        var drift = await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().JobRuns.AsNoTracking().SingleAsync(r => r.Trigger == JobRunTrigger.Drift);
        Assert.True(drift.RequiresGpu);
        Assert.Contains("\"allowCpuFallback\":\"false\"", drift.Parameters, StringComparison.Ordinal);
    }

    private static async Task<SchedulerTestHost> CreateAsync(ReleasePolicy policy)
    {
        var host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null, services: s =>
        {
            s.AddScoped<IRunPlacement, PolicyRunPlacement>();
            s.AddScoped<SchedulerRetrainRequester>();
        });
        await SetPolicyAsync(host, policy);
        await host.StartAsync();
        return host;
    }

    private static async Task SetPolicyAsync(SchedulerTestHost host, ReleasePolicy policy)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var model = await db.Models.SingleAsync(m => m.Name == SchedulerTestHost.Model);
        db.ReleasePolicies.Add(ModelReleasePolicy.Create(model.Id, policy with { Gates = ReleasePolicy.Default.Gates }, "test", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    // Sets the monthly retrain schedule and fires its Quartz job now, as the cron trigger would on the 1st at 03:00.
    private static async Task<JobRun> FireRetrainScheduleAsync(SchedulerTestHost host)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Schedules>().SetAsync(SchedulerTestHost.Model, JobKind.Retrain, Schedules.DefaultRetrainCron, "UTC", true, Actor.User("alice"));
        }
        var scheduler = await host.Services.GetRequiredService<QuartzSchedulers>().CpuAsync();
        await scheduler.TriggerJob(Schedules.KeyOf(SchedulerTestHost.Model, JobKind.Retrain));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().JobRuns.AsNoTracking()
                .Where(r => r.Trigger == JobRunTrigger.Schedule).OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync();
            if (run is not null)
            {
                return run;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The fired schedule started no run.");
    }
}
