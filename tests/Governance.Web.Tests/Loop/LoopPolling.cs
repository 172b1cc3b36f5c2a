using System.Net;
using System.Text.Json;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests.Loop;

/// <summary>Waiting for runs and finding approval requests through the API.</summary>
public static class LoopPolling
{
    /// <summary>Polls a run until it reaches <paramref name="status"/>; fails at once on another final state (with the run's error).</summary>
    public static async Task WaitForAsync(HttpClient client, Guid runId, string status)
    {
        // A bound for a loaded CI machine, not a timing assertion.
        var deadline = DateTime.UtcNow.AddSeconds(80);
        while (true)
        {
            var run = await (await client.GetAsync($"/api/v1/runs/{runId}")).ReadAsync(HttpStatusCode.OK);
            var now = run.GetProperty("status").GetString();
            if (now == status)
            {
                return;
            }
            Assert.False(now is "Succeeded" or "Failed" or "Cancelled", $"Run {runId} ended {now}, not {status}: {run}");
            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} is still {now}: {run}");
            await Task.Delay(250);
        }
    }

    /// <summary>The one pending request of the model's version in the inbox.</summary>
    public static async Task<JsonElement> PendingRequestAsync(HttpClient client, string model, int version)
    {
        var inbox = await (await client.GetAsync("/api/v1/approvals?status=Pending")).ReadAsync(HttpStatusCode.OK);
        return Assert.Single(inbox.EnumerateArray(), r => r.GetProperty("model").GetString() == model && r.GetProperty("version").GetInt32() == version);
    }
}
