using Governance.TestSupport;
using Governance.Data;
using Governance.Domain.Jobs;
using Governance.Pipelines.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>A stopping node hands its run back; a queued run without a trigger is found and run; node roles from configuration.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HandOverTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_node_that_stops_hands_its_running_run_to_another_node()
    {
        await using var b = await SchedulerTestHost.CreateAsync(DatabaseProvider.Postgres, fixture.Server);
        var a = b.Sibling(o => o.NodeName = "node-a");
        await a.StartAsync();
        var queued = await a.StartRunAsync("block-first");
        await a.Probe.Started(queued.Id, 1).Task.WaitAsync(TimeSpan.FromSeconds(30));

        await a.DisposeAsync();
        var handedBack = await b.WithAsync(r => r.GetAsync(queued.Id));
        Assert.Equal(JobRunStatus.Queued, handedBack!.Status);
        Assert.Contains("node-a stopped", handedBack.StatusLine, StringComparison.Ordinal);
        await b.StartAsync();
        var run = await b.WaitForAsync(queued.Id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.Equal(2, run.Attempts);
        Assert.Equal(b.Options.NodeName, run.NodeName);
    }

    [Fact]
    public async Task A_queued_run_whose_trigger_was_lost_is_dispatched_again_by_the_watcher()
    {
        await using var host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Postgres, fixture.Server, o => o.OrphanAfter = TimeSpan.FromMilliseconds(300));
        Guid id;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // As if the node died between committing the run and adding its Quartz trigger.
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var run = JobRun.Queue("Retrain", SchedulerTestHost.Model, JobRunTrigger.Manual, "alice", "{\"mode\":\"succeed\"}", false, 3, DateTimeOffset.UtcNow);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
            id = run.Id;
        }
        await host.StartAsync();

        var done = await host.WaitForAsync(id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Succeeded, done.Status);
    }

    [Fact]
    public async Task A_running_run_left_without_an_outcome_is_queued_again_and_finished()
    {
        await using var host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Postgres, fixture.Server, o => o.OrphanAfter = TimeSpan.FromMilliseconds(300));
        Guid id;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // As if the executing node lost the database while writing the outcome: Running, no Quartz job.
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var run = JobRun.Queue("Retrain", SchedulerTestHost.Model, JobRunTrigger.Manual, "alice", "{\"mode\":\"succeed\"}", false, 3, DateTimeOffset.UtcNow);
            run.Start("node-gone", DateTimeOffset.UtcNow);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
            id = run.Id;
        }
        await host.StartAsync();

        var done = await host.WaitForAsync(id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Succeeded, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(host.Options.NodeName, done.NodeName);
    }

    [Theory]
    [InlineData("web", false, false)]
    [InlineData("worker", true, false)]
    [InlineData("web,gpu-worker", false, true)]
    [InlineData("worker gpu-worker", true, true)]
    public void Node_roles_decide_which_schedulers_execute(string roles, bool cpu, bool gpu)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Node:Roles"] = roles, ["Scheduler:RetryBaseDelay"] = "2.5" }).Build();

        var options = SchedulerOptions.From(config);

        Assert.Equal(cpu, options.RunsCpuJobs);
        Assert.Equal(gpu, options.RunsGpuJobs);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.RetryBaseDelay);
    }

    [Fact]
    public void Bad_scheduler_configuration_names_the_key()
    {
        var roles = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Node:Roles"] = "web,trainer" }).Build();
        Assert.Contains("trainer", Assert.Throws<ArgumentException>(() => SchedulerOptions.From(roles)).Message, StringComparison.Ordinal);
        var delay = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:WatchInterval"] = "soon" }).Build();
        Assert.Contains("Scheduler:WatchInterval", Assert.Throws<ArgumentException>(() => SchedulerOptions.From(delay)).Message, StringComparison.Ordinal);
    }
}
