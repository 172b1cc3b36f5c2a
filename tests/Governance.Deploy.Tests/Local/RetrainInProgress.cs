using System.Text.Json;

namespace Governance.Deploy.Tests.Local;

/// <summary>
/// The common start of the cluster tests: run.sh start, sign in on the web node, seed a model, start a retrain
/// through the API and wait until the worker is training with a checkpoint on disk.
/// </summary>
internal sealed record RetrainInProgress(ClusterApi Api, Guid RunId, JsonElement Run)
{
    // A bound for a loaded CI machine, not a timing assertion.
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    public static async Task<RetrainInProgress> StartAsync(LocalCluster cluster, string model)
    {
        var started = await cluster.RunOkAsync("start");
        Assert.Contains("web ready", started.Output, StringComparison.Ordinal);
        Assert.Contains("worker ready", started.Output, StringComparison.Ordinal);
        var api = await ClusterApi.SignInAsync(cluster.BaseAddress, LocalCluster.AdminPassword);
        await api.SeedModelAsync(model);
        var runId = await api.StartRetrainAsync(model);
        var run = await api.WaitForAsync(runId, "running with a checkpoint written",
            r => r.GetProperty("status").GetString() == "Running" && cluster.CheckpointWritten(runId), cluster.Logs, Bound);
        Assert.Equal("worker-1", run.GetProperty("nodeName").GetString());
        Assert.Equal(1, run.GetProperty("attempts").GetInt32());
        return new RetrainInProgress(api, runId, run);
    }

    /// <summary>After the restarted worker finished it: attempt 2 on worker-1, resumed from attempt 1's checkpoint, one version, audit intact.</summary>
    public async Task AssertFinishedOnceFromTheCheckpointAsync(LocalCluster cluster, string model)
    {
        var last = await Api.WaitForAsync(RunId, "Succeeded", r => r.GetProperty("status").GetString() == "Succeeded", cluster.Logs, Bound);
        Assert.Equal("worker-1", last.GetProperty("nodeName").GetString());
        Assert.Equal(2, last.GetProperty("attempts").GetInt32());
        var logs = await Api.LogsAsync(RunId);
        Assert.Contains(logs.EnumerateArray(), l => l.GetProperty("attempt").GetInt32() == 2
            && l.GetProperty("message").GetString()!.StartsWith("Resuming from the checkpoint of attempt 1", StringComparison.Ordinal));
        var version = Assert.Single((await Api.VersionsAsync(model)).EnumerateArray());
        Assert.Contains(RunId.ToString(), version.GetProperty("trainingConfig").GetString(), StringComparison.Ordinal);
        var verified = await Api.VerifyAuditAsync();
        Assert.True(verified.GetProperty("isIntact").GetBoolean(), verified.ToString());
    }

    /// <summary>run.sh stop exits 0 and no process it started is left.</summary>
    public static async Task AssertStopsCleanlyAsync(LocalCluster cluster)
    {
        var pids = new[] { cluster.Pid("web"), cluster.Pid("worker"), cluster.PostgresPid() }.OfType<int>().ToList();
        Assert.Equal(3, pids.Count);
        var stopped = await cluster.RunOkAsync("stop");
        Assert.Contains("web (pid", stopped.Output, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL stopped", stopped.Output, StringComparison.Ordinal);
        foreach (var pid in pids)
        {
            Assert.True(await LocalCluster.GoneAsync(pid), $"Process {pid} is still running after stop:\n{stopped.Output}");
        }
        Assert.Equal(0, cluster.ExitCode("web"));
        Assert.Equal(0, cluster.ExitCode("worker"));
        var status = await cluster.RunAsync("status");
        Assert.Equal(3, status.ExitCode);
    }
}
