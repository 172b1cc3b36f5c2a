using System.Net;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.UseCases;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Web.Tests.Jobs.PortalForms;

namespace Governance.Web.Tests.Overview;

/// <summary>
/// The overview on SQLite: a real retrain leaves a pending approval; a failed run, a failed gate evaluation
/// and an unresolved drift breach are recorded beside it. Each role's "Needs your action" holds exactly its
/// items (the initiator is not asked to approve their own candidate; a Viewer has nothing to act on), and the
/// models table shows production, last retrain, drift, gates, pending approvals and next runs.
/// </summary>
public sealed class OverviewPageTests(LoopAppFixture fixture) : IClassFixture<LoopAppFixture>
{
    private const string FailedRule = "macro_f1 >= 0.9";
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task Needs_your_action_holds_each_roles_items_and_the_models_table_shows_the_loop()
    {
        var retrained = Unique("a-retrained");
        var gated = Unique("b-gated");
        var failing = Unique("c-failing");
        await fixture.SeedModelAsync(retrained);
        await fixture.SeedModelAsync(failing);
        var initiatorName = Unique("initiator");
        var (initiatorApi, _) = await App.ClientWithTokenAsync(initiatorName, Roles.MLEngineer);
        var run = await (await initiatorApi.PostJsonAsync($"/api/v1/models/{retrained}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        var runId = run.GetProperty("id").GetGuid();
        await LoopPolling.WaitForAsync(initiatorApi, runId, "Succeeded");
        var request = (await LoopPolling.PendingRequestAsync(initiatorApi, retrained, 1)).GetProperty("id").GetGuid();

        await (await initiatorApi.PostJsonAsync("/api/v1/models", Json.NewModel(gated))).ReadAsync(HttpStatusCode.Created);
        await (await initiatorApi.PostJsonAsync($"/api/v1/models/{gated}/versions", new { })).ReadAsync(HttpStatusCode.Created);
        var failedRunId = await RecordFailuresAsync(gated, failing);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Schedules>().SetAsync(retrained, JobKind.DriftCheck, "0 15 4 * * ?", "UTC", true, Actor.System);
        }

        var (engineer, _) = await SignedInAsync(App, Roles.MLEngineer);
        var engineerHome = await HtmlAsync(engineer, "/");
        var engineerActions = ActionsOf(engineerHome);
        Assert.Contains($"approvals#req-{request}", engineerActions, StringComparison.Ordinal);
        Assert.Contains("waits for your MLEngineer decision", engineerActions, StringComparison.Ordinal);
        Assert.Contains($"started by {initiatorName}", engineerActions, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{retrained}/versions/1/compare\"", engineerActions, StringComparison.Ordinal);
        Assert.Contains($"jobs/runs/{failedRunId}", engineerActions, StringComparison.Ordinal);
        Assert.Contains("no production version to compare with", engineerActions, StringComparison.Ordinal);
        Assert.Contains($"{gated} v1</a>: {FailedRule}", engineerActions, StringComparison.Ordinal);
        Assert.DoesNotContain("Drift breach", engineerActions, StringComparison.Ordinal);

        // The initiator is not asked to decide on their own candidate, but still sees the failures.
        var (initiator, _) = await SignedInAsync(App, initiatorName);
        var initiatorActions = ActionsOf(await HtmlAsync(initiator, "/"));
        Assert.DoesNotContain($"approvals#req-{request}", initiatorActions, StringComparison.Ordinal);
        Assert.Contains($"jobs/runs/{failedRunId}", initiatorActions, StringComparison.Ordinal);

        var (officer, _) = await SignedInAsync(App, Roles.ComplianceOfficer);
        var officerActions = ActionsOf(await HtmlAsync(officer, "/"));
        Assert.Contains($"approvals#req-{request}", officerActions, StringComparison.Ordinal);
        Assert.Contains("waits for your ComplianceOfficer decision", officerActions, StringComparison.Ordinal);
        Assert.Contains("Drift breach", officerActions, StringComparison.Ordinal);
        Assert.Contains($"models/{failing}/drift?report=", officerActions, StringComparison.Ordinal);
        Assert.DoesNotContain("Run failed", officerActions, StringComparison.Ordinal);
        Assert.DoesNotContain("Gates failed", officerActions, StringComparison.Ordinal);

        // After the officer approves, the request waits only for an engineer: it leaves the officer's list.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Decide>().RunAsync(request, "someone-else", [Roles.ComplianceOfficer],
                Domain.Releases.ApprovalVerdict.Approve, "bias ok", default);
        }
        Assert.DoesNotContain($"approvals#req-{request}", ActionsOf(await HtmlAsync(officer, "/")), StringComparison.Ordinal);
        Assert.Contains($"approvals#req-{request}", ActionsOf(await HtmlAsync(engineer, "/")), StringComparison.Ordinal);

        var (viewer, _) = await SignedInAsync(App, Roles.Viewer);
        var viewerHome = await HtmlAsync(viewer, "/");
        var viewerActions = ActionsOf(viewerHome);
        Assert.Contains("Nothing here is yours to act on", viewerActions, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action", viewerActions, StringComparison.Ordinal);

        // The models table, as any reader sees it.
        var a = RowOf(viewerHome, retrained);
        Assert.Contains("none", a, StringComparison.Ordinal);
        Assert.Contains($"jobs/runs/{runId}", a, StringComparison.Ordinal);
        Assert.Contains("Succeeded", a, StringComparison.Ordinal);
        Assert.Contains("gates passed", a, StringComparison.Ordinal);
        Assert.Contains("v1 awaits MLEngineer", a, StringComparison.Ordinal);
        Assert.Contains("DriftCheck", a, StringComparison.Ordinal);
        Assert.Contains("04:15 UTC", a, StringComparison.Ordinal);
        Assert.Contains($"gates failed: {FailedRule}", RowOf(viewerHome, gated), StringComparison.Ordinal);
        var c = RowOf(viewerHome, failing);
        Assert.Contains("breached", c, StringComparison.Ordinal);
        Assert.Contains("never", c, StringComparison.Ordinal);
    }

    /// <summary>A failed drift check of <paramref name="failing"/>, its unresolved breach, and a failed gate evaluation of <paramref name="gated"/> v1.</summary>
    private async Task<Guid> RecordFailuresAsync(string gated, string failing)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var now = TimeProvider.System.GetUtcNow();
        var failed = JobRun.Queue(nameof(JobKind.DriftCheck), failing, JobRunTrigger.Schedule, "scheduler", "{}", false, 1, now);
        failed.Start("node-a", now);
        failed.Fail("no production version to compare with", now);
        db.JobRuns.Add(failed);
        var model = await db.Models.SingleAsync(m => m.Name == failing);
        db.DriftReports.Add(DriftReportRecord.Create(model.Id, null, Guid.NewGuid(), Guid.NewGuid(), null, breached: true, statistic: 0.42, "{}", now));
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(new AuditEntry(Actor.System, LoopAudit.GatesEvaluated, LoopAudit.VersionSubject,
            $"{gated}/1", $$"""{"policyVersion":1,"passed":false,"results":[{"ruleText":"{{FailedRule}}","value":0.5,"passed":false,"explanation":"0.5 is below 0.9"}]}"""));
        return failed.Id;
    }

    private static string ActionsOf(string html)
    {
        var start = html.IndexOf("id=\"action-heading\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "No Needs your action panel.");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string RowOf(string html, string model)
    {
        var start = html.IndexOf($"<tr id=\"model-{model}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {model}.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
