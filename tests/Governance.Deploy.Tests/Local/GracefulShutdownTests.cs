namespace Governance.Deploy.Tests.Local;

/// <summary>
/// Issue 7, graceful shutdown: SIGTERM to a worker in the middle of a retrain (run.sh stop-worker) makes it
/// stop training at a step boundary, hand the run back (Queued, attempt not failed) and exit 0 within its
/// shutdown timeout; the restarted worker resumes from the checkpoint and registers exactly one version.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private const string Model = "local-graceful";

    private readonly LocalCluster _cluster = LocalCluster.Create(epochs: 40);

    [LocalClusterFact]
    public async Task A_worker_stopped_with_SIGTERM_hands_its_run_back_and_the_restarted_worker_resumes_it()
    {
        var training = await RetrainInProgress.StartAsync(_cluster, Model);
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

        await _cluster.RunOkAsync("restart-worker");
        await training.AssertFinishedOnceFromTheCheckpointAsync(_cluster, Model);

        await RetrainInProgress.AssertStopsCleanlyAsync(_cluster);
        training.Api.Dispose();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
