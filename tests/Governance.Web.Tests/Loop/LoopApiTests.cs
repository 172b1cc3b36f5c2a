using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.Pipelines.UseCases;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Loop;

/// <summary>
/// The loop through /api/v1 on SQLite with tokens: run a retrain now, watch it, decide on its approval under
/// the four-eyes rules, promote, retrain again, roll back; conflicts, cancellation and validation.
/// </summary>
public sealed class LoopApiTests(LoopAppFixture fixture) : IClassFixture<LoopAppFixture>
{
    private GovernanceApp App => fixture.App;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_retrain_run_now_is_approved_by_two_other_people_promoted_and_can_be_rolled_back()
    {
        var model = Unique("triage");
        await fixture.SeedModelAsync(model);
        var (initiator, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (engineer, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (officer, _) = await App.ClientWithTokenAsync(Unique("officer"), Roles.ComplianceOfficer);
        var (viewer, _) = await App.ClientWithTokenAsync(Unique("viewer"), Roles.Viewer);

        var run = await (await initiator.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        var runId = run.GetProperty("id").GetGuid();
        // While the first is queued or running, a second retrain of the model is a conflict naming the active run.
        var second = await (await engineer.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(runId.ToString(), second, StringComparison.Ordinal);

        await LoopPolling.WaitForAsync(viewer, runId, "Succeeded");
        var logs = await (await viewer.GetAsync($"/api/v1/runs/{runId}/logs?after=0")).ReadAsync(HttpStatusCode.OK);
        Assert.True(logs.GetArrayLength() > 0);
        var listed = await (await viewer.GetAsync($"/api/v1/runs?model={model}&kind=Retrain&status=Succeeded")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("runs").EnumerateArray(), r => r.GetProperty("id").GetGuid() == runId);

        var request = await LoopPolling.PendingRequestAsync(viewer, model, 1);
        Assert.Equal(["MLEngineer", "ComplianceOfficer"], request.GetProperty("outstandingRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(64, request.GetProperty("evidenceHash").GetString()!.Length);
        var decisions = $"/api/v1/approvals/{request.GetProperty("id").GetGuid()}/decisions";

        var own = await (await initiator.PostJsonAsync(decisions, new { verdict = "Approve", reason = "mine" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Four-eyes rule", own, StringComparison.Ordinal);
        var byViewer = await (await viewer.PostJsonAsync(decisions, new { verdict = "Approve" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("needs one of the roles", byViewer, StringComparison.Ordinal);
        var first = await (await engineer.PostJsonAsync(decisions, new { verdict = "Approve", reason = "metrics fine" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Pending", first.GetProperty("status").GetString());
        Assert.Equal(["ComplianceOfficer"], first.GetProperty("outstandingRoles").EnumerateArray().Select(r => r.GetString()));
        var twice = await (await engineer.PostJsonAsync(decisions, new { verdict = "Approve" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("already decided", twice, StringComparison.Ordinal);
        var last = await (await officer.PostJsonAsync(decisions, new { verdict = "Approve", reason = "bias report ok" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Approved", last.GetProperty("status").GetString());

        var version = await (await viewer.GetAsync($"/api/v1/models/{model}/versions/1")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Production", version.GetProperty("stage").GetString());
        var evidence = await (await viewer.GetAsync($"/api/v1/models/{model}/versions/1/evidence")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, evidence.GetProperty("evaluation").ValueKind);
        Assert.Equal(JsonValueKind.Object, evidence.GetProperty("bias").ValueKind);
        Assert.True(evidence.GetProperty("gates").GetProperty("passed").GetBoolean());
        Assert.Equal("Approved", evidence.GetProperty("approval").GetProperty("status").GetString());
        var decided = await (await officer.GetAsync($"/api/v1/audit?action=approval.decided&subjectId={request.GetProperty("id").GetGuid()}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(2, decided.GetProperty("events").GetArrayLength());
        var promoted = await (await officer.GetAsync($"/api/v1/audit?subjectId={model}/1")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains(promoted.GetProperty("events").EnumerateArray(), e => e.GetProperty("payload").GetString()!.Contains("Production", StringComparison.Ordinal));
        // The version's timeline (subject prefix) includes its approval request's events.
        var timeline = (await (await officer.GetAsync($"/api/v1/audit?subjectPrefix={model}/1&pageSize=200")).ReadAsync(HttpStatusCode.OK))
            .GetProperty("events").EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Subject: e.GetProperty("subjectId").GetString())).ToList();
        Assert.Contains(timeline, e => e.Action == "approval.requested");
        Assert.Equal(2, timeline.Count(e => e.Action == "approval.decided" && e.Subject == request.GetProperty("id").GetGuid().ToString()));
        Assert.Contains(timeline, e => e.Subject == $"{model}/1");

        // A second retrain, started by the other engineer and approved by the first: version 2 in production, 1 archived.
        var again = await (await engineer.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        await LoopPolling.WaitForAsync(viewer, again.GetProperty("id").GetGuid(), "Succeeded");
        var request2 = await LoopPolling.PendingRequestAsync(viewer, model, 2);
        var decisions2 = $"/api/v1/approvals/{request2.GetProperty("id").GetGuid()}/decisions";
        await (await initiator.PostJsonAsync(decisions2, new { verdict = "Approve", reason = "ok" })).ReadAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync(decisions2, new { verdict = "Approve", reason = "ok" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Archived", (await (await viewer.GetAsync($"/api/v1/models/{model}/versions/1")).ReadAsync(HttpStatusCode.OK)).GetProperty("stage").GetString());

        var noReason = await (await engineer.PostJsonAsync($"/api/v1/models/{model}/versions/1/rollback", new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("needs a reason", noReason, StringComparison.Ordinal);
        await (await viewer.PostJsonAsync($"/api/v1/models/{model}/versions/1/rollback", new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        var back = await (await engineer.PostJsonAsync($"/api/v1/models/{model}/versions/1/rollback", new { reason = "v2 misroutes invoices" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Production", back.GetProperty("stage").GetString());
        var rolledBack = await (await officer.GetAsync($"/api/v1/audit?action=version.rolled-back&subjectId={model}/1")).ReadAsync(HttpStatusCode.OK);
        var audited = Assert.Single(rolledBack.GetProperty("events").EnumerateArray());
        Assert.Contains("v2 misroutes invoices", audited.GetProperty("payload").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_is_cancelled_and_retried_and_unknown_ids_are_not_found()
    {
        var model = Unique("cancel");
        await fixture.SeedModelAsync(model);
        var (engineer, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (viewer, _) = await App.ClientWithTokenAsync(Unique("viewer"), Roles.Viewer);

        // A long training (the tiny spec finishes in under a second): cancelled while queued or stopped at its next step.
        var longSpec = (App.Services.GetRequiredService<LoopOptions>().DefaultTraining with { Epochs = 2000 }).ToJson();
        var parameters = new Dictionary<string, string> { ["spec"] = longSpec };
        var run = await (await engineer.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain", parameters })).ReadAsync(HttpStatusCode.Created);
        var id = run.GetProperty("id").GetGuid();
        Assert.Contains("spec", run.GetProperty("parameters").GetString(), StringComparison.Ordinal);
        await (await viewer.PostAsync($"/api/v1/runs/{id}/cancel", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await engineer.PostAsync($"/api/v1/runs/{id}/cancel", null)).ReadAsync(HttpStatusCode.OK);
        await LoopPolling.WaitForAsync(viewer, id, "Cancelled");

        var retry = await (await engineer.PostAsync($"/api/v1/runs/{id}/retry", null)).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(id, retry.GetProperty("retryOfRunId").GetGuid());
        var retryId = retry.GetProperty("id").GetGuid();
        await (await engineer.PostAsync($"/api/v1/runs/{retryId}/cancel", null)).ReadAsync(HttpStatusCode.OK);
        await LoopPolling.WaitForAsync(viewer, retryId, "Cancelled");

        var missing = Guid.NewGuid();
        Assert.Contains(missing.ToString(), await (await viewer.GetAsync($"/api/v1/runs/{missing}")).ProblemAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
        await (await engineer.PostAsync($"/api/v1/runs/{missing}/cancel", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await viewer.GetAsync($"/api/v1/approvals/{missing}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await engineer.PostJsonAsync("/api/v1/models/no-such-model/runs", new { kind = "Retrain" })).ProblemAsync(HttpStatusCode.NotFound);
        var badKind = await (await engineer.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Deploy" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Retrain, Evaluate or DriftCheck", badKind, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_rejects_the_candidate()
    {
        var model = Unique("reject");
        await fixture.SeedModelAsync(model);
        var (engineer, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (officer, _) = await App.ClientWithTokenAsync(Unique("officer"), Roles.ComplianceOfficer);

        var run = await (await engineer.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        await LoopPolling.WaitForAsync(officer, run.GetProperty("id").GetGuid(), "Succeeded");
        var request = await LoopPolling.PendingRequestAsync(officer, model, 1);
        var decisions = $"/api/v1/approvals/{request.GetProperty("id").GetGuid()}/decisions";

        var bare = await (await officer.PostJsonAsync(decisions, new { verdict = "Reject" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("needs a reason", bare, StringComparison.Ordinal);
        await (await officer.PostJsonAsync(decisions, new { verdict = "Maybe", reason = "?" })).ProblemAsync(HttpStatusCode.BadRequest);
        var rejected = await (await officer.PostJsonAsync(decisions, new { verdict = "Reject", reason = "bias report incomplete" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        var closed = await (await officer.PostJsonAsync(decisions, new { verdict = "Approve" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("rejected", closed, StringComparison.Ordinal);
        var version = await (await officer.GetAsync($"/api/v1/models/{model}/versions/1")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Rejected", version.GetProperty("stage").GetString());
        Assert.Empty((await (await officer.GetAsync($"/api/v1/approvals?status=Pending&model={model}")).ReadAsync(HttpStatusCode.OK)).EnumerateArray());
    }
}
