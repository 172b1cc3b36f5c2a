using System.Net;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.TestSupport;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;

namespace Governance.Web.Tests.Reliability;

/// <summary>
/// Issue 5, Reliability: two worker processes on one PostgreSQL; the one training is killed with SIGKILL; the
/// other recovers the run (attempt 2), resumes from the checkpoint, and exactly one version is registered.
/// The run is started and watched through the API of an in-process web-only host on the same database.
/// </summary>
public sealed class WorkerCrashTests : IAsyncLifetime
{
    private const string Model = "crash-triage";

    // A bound for a loaded CI machine, not a timing assertion.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly TempDirectory _dir = new();
    private readonly List<WorkerProcess> _workers = [];
    private PostgresServer? _server;
    private GovernanceApp? _web;

    [Fact]
    public async Task A_killed_worker_s_retrain_is_recovered_by_the_other_resumed_and_registered_once()
    {
        var settings = await SharedSettingsAsync();
        _web = new GovernanceApp(With(settings, "Node:Roles", "web", "Node:Name", "web-1"));
        _ = _web.Server; // migrates and creates the admin before the workers start
        await LoopAppFixture.SeedModelAsync(_web, Model);
        _workers.Add(WorkerProcess.Start("worker-a", With(settings, "Node:Roles", "worker", "Node:Name", "worker-a")));
        _workers.Add(WorkerProcess.Start("worker-b", With(settings, "Node:Roles", "worker", "Node:Name", "worker-b")));
        var (client, _) = await _web.ClientWithTokenAsync("crash-engineer", Roles.MLEngineer);
        var deadline = DateTime.UtcNow + Bound;

        var started = await (await client.PostJsonAsync($"/api/v1/models/{Model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        var runId = started.GetProperty("id").GetGuid();
        var first = await WaitForAsync(client, runId, deadline, "running with a checkpoint written",
            r => r.GetProperty("status").GetString() == "Running" && CheckpointWritten());
        var victimName = first.GetProperty("nodeName").GetString();
        Assert.Equal(1, first.GetProperty("attempts").GetInt32());
        var victim = Assert.Single(_workers, w => w.Name == victimName);
        victim.Kill();

        var last = await WaitForAsync(client, runId, deadline, "Succeeded", r => r.GetProperty("status").GetString() == "Succeeded");
        var survivor = Assert.Single(_workers, w => w.Name != victimName);
        Assert.Equal(survivor.Name, last.GetProperty("nodeName").GetString());
        Assert.Equal(2, last.GetProperty("attempts").GetInt32());

        var logs = await (await client.GetAsync($"/api/v1/runs/{runId}/logs")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains(logs.EnumerateArray(), l => l.GetProperty("attempt").GetInt32() == 2
            && l.GetProperty("message").GetString()!.StartsWith("Resuming from the checkpoint of attempt 1", StringComparison.Ordinal));
        var versions = await (await client.GetAsync($"/api/v1/models/{Model}/versions")).ReadAsync(HttpStatusCode.OK);
        Assert.Single(versions.EnumerateArray());
        var verified = await (await client.GetAsync("/api/v1/audit/verify")).ReadAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("isIntact").GetBoolean(), verified.ToString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _dir.Dispose();
    }

    /// <summary>One database, artifact store, keys and work folder (the checkpoints) for all three hosts.</summary>
    private async Task<Dictionary<string, string?>> SharedSettingsAsync()
    {
        _server = await PostgresServer.StartAsync();
        var settings = LoopAppFixture.LoopSettings(GovernanceApp.SqliteSettings(_dir.Path), _dir.Path);
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Governance"] = await _server.CreateDatabaseAsync();
        settings["Scheduler:ClusterCheckinInterval"] = "1";
        settings["Scheduler:ClusterCheckinMisfireThreshold"] = "1";
        // Slow enough that the run is still training when the first checkpoint appears, quick to resume.
        settings["Loop:DefaultTraining:Epochs"] = "25";
        settings["Loop:DefaultTraining:CheckpointEverySteps"] = "5";
        return settings;
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params string[] pairs)
    {
        var copy = new Dictionary<string, string?>(settings);
        for (var i = 0; i < pairs.Length; i += 2)
        {
            copy[pairs[i]] = pairs[i + 1];
        }
        return copy;
    }

    private bool CheckpointWritten()
    {
        var runs = Path.Combine(_dir.Path, "work", "runs");
        return Directory.Exists(runs)
            && Directory.EnumerateFiles(runs, Governance.Learning.Serialization.TrainingCheckpoint.FileName, SearchOption.AllDirectories).Any();
    }

    private async Task<JsonElement> WaitForAsync(HttpClient client, Guid runId, DateTime deadline, string what, Func<JsonElement, bool> done)
    {
        while (true)
        {
            var run = await (await client.GetAsync($"/api/v1/runs/{runId}")).ReadAsync(HttpStatusCode.OK);
            if (done(run))
            {
                return run;
            }
            var status = run.GetProperty("status").GetString();
            Assert.False(status is "Succeeded" or "Failed" or "Cancelled", $"Run ended {status} before '{what}': {run}\n{WorkerOutput()}");
            Assert.True(DateTime.UtcNow < deadline, $"Run is not '{what}' in time: {run}\n{WorkerOutput()}");
            await Task.Delay(200);
        }
    }

    private string WorkerOutput() => string.Join("\n", _workers.Select(w => $"--- {w.Name} (exited: {w.HasExited})\n{w.Output}"));
}
