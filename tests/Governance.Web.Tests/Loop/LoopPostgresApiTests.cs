using System.Net;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests.Loop;

/// <summary>The loop's happy path through the API on PostgreSQL: run now, approve by two others, promoted.</summary>
public sealed class LoopPostgresApiTests(LoopPostgresFixture fixture) : IClassFixture<LoopPostgresFixture>
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task A_retrain_run_now_is_promoted_after_two_approvals_on_postgres()
    {
        const string model = "pg-triage";
        await LoopAppFixture.SeedModelAsync(App, model);
        var (initiator, _) = await App.ClientWithTokenAsync("pg-initiator", Roles.MLEngineer);
        var (engineer, _) = await App.ClientWithTokenAsync("pg-engineer", Roles.MLEngineer);
        var (officer, _) = await App.ClientWithTokenAsync("pg-officer", Roles.ComplianceOfficer);

        var run = await (await initiator.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        await (await engineer.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ProblemAsync(HttpStatusCode.Conflict);
        await LoopPolling.WaitForAsync(engineer, run.GetProperty("id").GetGuid(), "Succeeded");

        var request = await LoopPolling.PendingRequestAsync(officer, model, 1);
        var decisions = $"/api/v1/approvals/{request.GetProperty("id").GetGuid()}/decisions";
        var own = await (await initiator.PostJsonAsync(decisions, new { verdict = "Approve" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Four-eyes rule", own, StringComparison.Ordinal);
        await (await engineer.PostJsonAsync(decisions, new { verdict = "Approve", reason = "ok" })).ReadAsync(HttpStatusCode.OK);
        var last = await (await officer.PostJsonAsync(decisions, new { verdict = "Approve", reason = "ok" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Approved", last.GetProperty("status").GetString());

        var version = await (await officer.GetAsync($"/api/v1/models/{model}/versions/1")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Production", version.GetProperty("stage").GetString());
        var verified = await (await officer.GetAsync("/api/v1/audit/verify")).ReadAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("isIntact").GetBoolean(), verified.ToString());
    }
}
