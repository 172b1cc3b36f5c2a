using System.Net;
using System.Text.RegularExpressions;
using Governance.Data;
using Governance.Domain.Access;
using Governance.Domain.Evidence;
using Governance.Domain.Releases;
using Governance.Pipelines.UseCases;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Web.Tests.Jobs.PortalForms;

namespace Governance.Web.Tests.Overview;

/// <summary>
/// The approvals inbox's role filter and paging on SQLite: by default a user sees the requests awaiting a role
/// they hold (a Viewer none, and no decision form even with "all"); a request leaves an officer's inbox once the
/// officer role has approved; each request links to its comparison, bias report and audit trail; pages of 20
/// are followed by keyset links.
/// </summary>
public sealed partial class ApprovalsInboxFilterTests(LoopAppFixture fixture) : IClassFixture<LoopAppFixture>
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task Each_role_sees_the_requests_awaiting_it_and_a_viewer_none()
    {
        var model = Unique("inbox");
        await fixture.SeedModelAsync(model);
        var initiatorName = Unique("initiator");
        var (initiatorApi, _) = await App.ClientWithTokenAsync(initiatorName, Roles.MLEngineer);
        var run = await (await initiatorApi.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        await LoopPolling.WaitForAsync(initiatorApi, run.GetProperty("id").GetGuid(), "Succeeded");
        var id = (await LoopPolling.PendingRequestAsync(initiatorApi, model, 1)).GetProperty("id").GetGuid();

        // The initiator sees the request (it awaits their role) with the four-eyes note instead of the buttons.
        var (initiator, _) = await SignedInAsync(App, initiatorName);
        var own = await HtmlAsync(initiator, "/approvals");
        Assert.Contains($"id=\"req-{id}\"", own, StringComparison.Ordinal);
        Assert.Contains("You started the run that produced this candidate", own, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Approve\"", own, StringComparison.Ordinal);

        var (engineer, _) = await SignedInAsync(App, Roles.MLEngineer);
        var mine = await HtmlAsync(engineer, "/approvals");
        Assert.Contains($"id=\"req-{id}\"", mine, StringComparison.Ordinal);
        Assert.Contains("Awaiting my roles (MLEngineer)", mine, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{model}/versions/1/compare\"", mine, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{model}/versions/1/bias\"", mine, StringComparison.Ordinal);
        Assert.Contains($"href=\"audit?prefix={model}/1\"", mine, StringComparison.Ordinal);
        Assert.Contains("value=\"Approve\"", mine, StringComparison.Ordinal);

        var (viewer, _) = await SignedInAsync(App, Roles.Viewer);
        var viewerInbox = await HtmlAsync(viewer, "/approvals");
        Assert.Contains("No request awaits a role you hold.", viewerInbox, StringComparison.Ordinal);
        Assert.DoesNotContain($"req-{id}", viewerInbox, StringComparison.Ordinal);
        var viewerAll = await HtmlAsync(viewer, "/approvals?scope=all");
        Assert.Contains($"id=\"req-{id}\"", viewerAll, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Approve\"", viewerAll, StringComparison.Ordinal);
        // A decision posted by hand is refused by the four-eyes rules with the reason, and nothing is recorded.
        var crafted = await PostAsync(viewer, "/approvals?scope=all", $"decide-{id:N}", new() { ["Verdict"] = "Approve", ["Reason"] = "crafted" });
        Assert.Equal(HttpStatusCode.Forbidden, crafted.StatusCode);
        Assert.Contains("Deciding needs one of the roles", WebUtility.HtmlDecode(await crafted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await App.WithDbAsync(async db => (await db.ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == id)).Decisions));

        var (officer, officerName) = await SignedInAsync(App, Roles.ComplianceOfficer);
        Assert.Contains($"id=\"req-{id}\"", await HtmlAsync(officer, "/approvals"), StringComparison.Ordinal);
        var approved = await PostAsync(officer, "/approvals", $"decide-{id:N}", new() { ["Verdict"] = "Approve", ["Reason"] = "bias ok" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("it is now pending", await approved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Only the engineer's approval is outstanding now: gone from the officer's inbox, still in the engineer's.
        Assert.DoesNotContain($"req-{id}", await HtmlAsync(officer, "/approvals"), StringComparison.Ordinal);
        Assert.Contains($"id=\"req-{id}\"", await HtmlAsync(officer, "/approvals?scope=all&status=Pending"), StringComparison.Ordinal);
        Assert.Contains($"id=\"req-{id}\"", await HtmlAsync(engineer, "/approvals"), StringComparison.Ordinal);
        Assert.Contains(officerName, await HtmlAsync(engineer, "/approvals"), StringComparison.Ordinal);

        Assert.Contains("Show must be 'mine' or 'all'", await HtmlAsync(viewer, "/approvals?scope=everything", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_come_in_pages_of_twenty_followed_by_keyset_links()
    {
        var model = Unique("paged");
        var (api, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        await (await api.PostJsonAsync("/api/v1/models", Json.NewModel(model))).ReadAsync(HttpStatusCode.Created);
        for (var n = 0; n < 23; n++)
        {
            await (await api.PostJsonAsync($"/api/v1/models/{model}/versions", new { })).ReadAsync(HttpStatusCode.Created);
        }
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var versions = await db.ModelVersions.Where(v => db.Models.Any(m => m.Id == v.ModelId && m.Name == model)).OrderBy(v => v.Number).ToListAsync();
            var start = TimeProvider.System.GetUtcNow().AddHours(-1);
            foreach (var v in versions)
            {
                // Each request a minute apart, so "newest first" is v23 .. v1.
                db.ApprovalRequests.Add(ApprovalRequest.Open(v.Id, "someone", ReleasePolicy.Default, "{}", EvidenceHash.Of($"{model}/{v.Number}"), start.AddMinutes(v.Number)));
            }
            await db.SaveChangesAsync();
        }
        var (officer, _) = await SignedInAsync(App, Roles.ComplianceOfficer);
        var first = await HtmlAsync(officer, "/approvals");
        var firstVersions = VersionsOf(first, model);
        Assert.Equal(Enumerable.Range(4, 20).Reverse(), firstVersions);
        var older = OlderLink().Match(first);
        Assert.True(older.Success, "No link to older requests.");
        var second = await HtmlAsync(officer, "/" + older.Groups[1].Value);
        Assert.Equal([3, 2, 1], VersionsOf(second, model));
        Assert.Contains("Newest requests", second, StringComparison.Ordinal);
        Assert.Contains("page cursor", await HtmlAsync(officer, "/approvals?before=soon", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    private static List<int> VersionsOf(string html, string model) =>
        Regex.Matches(html, $"href=\"models/{Regex.Escape(model)}#v(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("href=\"(approvals\\?[^\"]*before=\\d+)\" rel=\"next\"")]
    private static partial Regex OlderLink();
}
