using Governance.Data;
using Governance.Domain.Jobs;
using Governance.Pipelines.Scheduling;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>GPU runs go to the GPU scheduler; without a GPU worker they wait and say so, or fall back to the CPU when allowed.</summary>
public sealed class GpuRoutingTests
{
    [Fact]
    public async Task A_gpu_run_waits_for_a_gpu_worker_and_says_so_when_it_may_not_fall_back()
    {
        await using var host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null);
        await host.StartAsync();

        var queued = await host.StartRunAsync("succeed", gpu: true);
        Assert.Equal("queued; waiting for a GPU worker", queued.StatusLine);
        var run = await host.WaitForAsync(queued.Id, r => r.StatusLine.StartsWith("waiting for a GPU worker", StringComparison.Ordinal));

        Assert.Equal(JobRunStatus.Queued, run.Status);
        Assert.True(run.RequiresGpu);
        Assert.Equal(0, run.Attempts);
        Assert.Contains("CPU fallback not allowed", run.StatusLine, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Probe.Executions, e => e.RunId == run.Id);
    }

    [Fact]
    public async Task A_gpu_run_falls_back_to_the_cpu_when_its_policy_allows()
    {
        await using var host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null);
        await host.StartAsync();

        var queued = await host.StartRunAsync("succeed", gpu: true, extra: new Dictionary<string, string> { [JobRuns.AllowCpuFallbackParameter] = "true" });
        var run = await host.WaitForAsync(queued.Id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.False(run.RequiresGpu);
        Assert.Equal(1, run.Attempts);
    }

    [Fact]
    public async Task A_gpu_worker_runs_gpu_runs()
    {
        await using var host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null, o =>
        {
            o.RunsCpuJobs = false;
            o.RunsGpuJobs = true;
        });
        await host.StartAsync();

        var queued = await host.StartRunAsync("succeed", gpu: true);
        var run = await host.WaitForAsync(queued.Id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.True(run.RequiresGpu);
    }
}
