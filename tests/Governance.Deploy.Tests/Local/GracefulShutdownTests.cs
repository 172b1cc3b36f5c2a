using Xunit.Abstractions;

namespace Governance.Deploy.Tests.Local;

/// <summary>
/// Issue 7, graceful shutdown: SIGTERM to a worker in the middle of a retrain (run.sh stop-worker) makes it
/// stop training at a step boundary, hand the run back (Queued, attempt not failed) and exit 0 within its
/// shutdown timeout; the restarted worker resumes from the checkpoint and registers exactly one version.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Model = "local-graceful";

    private readonly LocalCluster _cluster = LocalCluster.Create(epochs: 25);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    [LocalClusterFact]
    public async Task A_worker_stopped_with_SIGTERM_hands_its_run_back_and_the_restarted_worker_resumes_it()
    {
        var training = await RetrainInProgress.StartAsync(_cluster, Model);
        Phase("cluster started, model seeded, worker training with a checkpoint");
        var worker = _cluster.Pid("worker")!.Value;

        var stopped = await _cluster.RunOkAsync("stop-worker");
        Assert.Contains("stopped gracefully", stopped.Output, StringComparison.Ordinal);
        Assert.True(await LocalCluster.GoneAsync(worker));
        Assert.Equal(0, _cluster.ExitCode("worker"));
        var handedBack = await training.Api.RunAsync(training.RunId);
        Assert.Equal("Queued", handedBack.GetProperty("status").GetString());
        Assert.Equal(1, handedBack.GetProperty("attempts").GetInt32());
        Assert.Contains("worker-1 stopped during attempt 1", handedBack.GetProperty("statusLine").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, handedBack.GetProperty("error").ValueKind);
        Assert.True(_cluster.CheckpointWritten(training.RunId));

        Phase("worker stopped");
        await _cluster.RunOkAsync("restart-worker");
        Phase("worker restarted");
        await training.AssertFinishedOnceFromTheCheckpointAsync(_cluster, Model);

        Phase("run finished on the restarted worker");
        await RetrainInProgress.AssertStopsCleanlyAsync(_cluster);
        Phase("cluster stopped");
        training.Api.Dispose();
    }

    // Where the time goes, for the README and for a slow CI run; nothing asserts it.
    private void Phase(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
