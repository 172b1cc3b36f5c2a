using Xunit.Abstractions;

namespace Governance.Deploy.Tests.Local;

/// <summary>
/// Issue 7: deploy/local/run.sh runs PostgreSQL, a web node and a CPU worker as processes on loopback. A retrain
/// started through the web node survives the worker being killed (SIGKILL): the restarted worker recovers the
/// run, resumes from the checkpoint and registers exactly one version; then stop ends every process cleanly.
/// </summary>
public sealed class LocalClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Model = "local-crash";

    // 21 steps an epoch: long enough that the worker is still training when the first checkpoint appears.
    private readonly LocalCluster _cluster = LocalCluster.Create(epochs: 25);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    [LocalClusterFact]
    public async Task A_killed_worker_s_retrain_finishes_on_the_restarted_worker_and_stop_ends_every_process()
    {
        var training = await RetrainInProgress.StartAsync(_cluster, Model);
        Phase("cluster started, model seeded, worker training with a checkpoint");
        var victim = _cluster.Pid("worker")!.Value;

        var killed = await _cluster.RunOkAsync("kill-worker");
        Assert.Contains("SIGKILL", killed.Output, StringComparison.Ordinal);
        Assert.True(await LocalCluster.GoneAsync(victim));
        Assert.Equal("Running", (await training.Api.RunAsync(training.RunId)).GetProperty("status").GetString());
        var status = await _cluster.RunAsync("status");
        Assert.Equal(3, status.ExitCode);
        Assert.Contains("last exit code 137", status.Output, StringComparison.Ordinal);

        Phase("worker stopped");
        await _cluster.RunOkAsync("restart-worker");
        Phase("worker restarted");
        Assert.NotEqual(victim, _cluster.Pid("worker"));
        await training.AssertFinishedOnceFromTheCheckpointAsync(_cluster, Model);
        Assert.Equal(0, (await _cluster.RunAsync("status")).ExitCode);

        Phase("run finished on the restarted worker");
        await RetrainInProgress.AssertStopsCleanlyAsync(_cluster);
        Phase("cluster stopped");
        // Idempotent: a second stop has nothing to do and still succeeds.
        await _cluster.RunOkAsync("stop");
        training.Api.Dispose();
    }

    // Where the time goes, for the README and for a slow CI run; nothing asserts it.
    private void Phase(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
