using System.Net;
using Governance.Domain.Access;
using Governance.Domain.Releases;
using Governance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Tests.Loop;

/// <summary>
/// The approvals inbox page (/approvals) on SQLite: a retrain produces a pending request; the page lists it,
/// refuses the initiator's own approval with the four-eyes message (nothing recorded), and two other people
/// approving through the page promote the version.
/// </summary>
public sealed class ApprovalsPageTests(LoopAppFixture fixture) : IClassFixture<LoopAppFixture>
{
    private GovernanceApp App => fixture.App;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Inbox_lists_the_request_refuses_the_initiator_and_two_others_approve_it_into_production()
    {
        var model = Unique("inbox");
        await fixture.SeedModelAsync(model);
        var initiatorName = Unique("eng");
        var (initiatorApi, _) = await App.ClientWithTokenAsync(initiatorName, Roles.MLEngineer);
        var run = await (await initiatorApi.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        await LoopPolling.WaitForAsync(initiatorApi, run.GetProperty("id").GetGuid(), "Succeeded");
        var pending = await LoopPolling.PendingRequestAsync(initiatorApi, model, 1);
        var id = pending.GetProperty("id").GetGuid();
        var hash = pending.GetProperty("evidenceHash").GetString()!;

        var officer = await SignedInAsync(Roles.ComplianceOfficer);
        var inbox = await officer.Client.GetAsync("/approvals?status=Pending");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        var html = await inbox.Content.ReadAsStringAsync();
        Assert.Contains(model, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{model}#v1\"", html, StringComparison.Ordinal);
        Assert.Contains(hash, html, StringComparison.Ordinal);
        Assert.Contains("MLEngineer, ComplianceOfficer", html, StringComparison.Ordinal);
        Assert.Contains(initiatorName, html, StringComparison.Ordinal);

        // The initiator may not approve their own candidate: the page shows the rule and nothing is written.
        var initiator = await SignedInAsync(initiatorName);
        var events = await App.AuditCountAsync();
        var own = await DecideAsync(initiator, id, "Approve", "mine");
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        var ownHtml = await own.Content.ReadAsStringAsync();
        Assert.Contains("Four-eyes rule", ownHtml, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", ownHtml, StringComparison.Ordinal);
        Assert.Empty((await RequestAsync(id)).Decisions);
        Assert.Equal(events, await App.AuditCountAsync());

        var engineer = await SignedInAsync(Roles.MLEngineer);
        var unreasoned = await DecideAsync(engineer, id, "Reject", "  ");
        Assert.Equal(HttpStatusCode.BadRequest, unreasoned.StatusCode);
        Assert.Contains("A rejection needs a reason.", await unreasoned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await RequestAsync(id)).Decisions);

        var first = await DecideAsync(engineer, id, "Approve", "metrics fine");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("it is now pending", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var last = await DecideAsync(officer, id, "Approve", "bias report ok");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        var lastHtml = await last.Content.ReadAsStringAsync();
        Assert.Contains("it is now approved", lastHtml, StringComparison.Ordinal);
        Assert.Contains("bias report ok", lastHtml, StringComparison.Ordinal);

        var request = await RequestAsync(id);
        Assert.Equal(ApprovalStatus.Approved, request.Status);
        Assert.Equal(["MLEngineer", "ComplianceOfficer"], request.Decisions.Select(d => d.Role));
        var version = await (await initiatorApi.GetAsync($"/api/v1/models/{model}/versions/1")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Production", version.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task An_unknown_status_filter_is_400_with_the_reason()
    {
        var viewer = await SignedInAsync(Roles.Viewer);
        var response = await viewer.Client.GetAsync("/approvals?status=Maybe");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Status must be one of", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<ApprovalRequest> RequestAsync(Guid id) =>
        App.WithDbAsync(db => db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == id));

    /// <summary>Signs in an existing user (by name) or a new one holding <paramref name="roleOrUser"/>.</summary>
    private async Task<BrowserSession> SignedInAsync(string roleOrUser)
    {
        var name = roleOrUser;
        if (Roles.All.Contains(roleOrUser))
        {
            name = Unique("u");
            await App.ClientWithTokenAsync(name, roleOrUser);
        }
        var session = new BrowserSession(App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(name, "Password-for-" + name + "-1")).StatusCode);
        return session;
    }

    private static async Task<HttpResponseMessage> DecideAsync(BrowserSession session, Guid id, string verdict, string reason)
    {
        var token = await session.AntiforgeryTokenAsync("/approvals?status=Pending");
        return await session.Client.PostAsync("/approvals?status=Pending", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"decide-{id:N}",
            ["__RequestVerificationToken"] = token,
            ["Verdict"] = verdict,
            ["Reason"] = reason,
        }));
    }
}
