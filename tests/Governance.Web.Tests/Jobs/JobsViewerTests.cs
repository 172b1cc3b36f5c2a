using System.Net;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Web.Tests.Jobs.PortalForms;

namespace Governance.Web.Tests.Jobs;

/// <summary>
/// A Viewer reads the jobs pages but sees no Run now, Edit, Cancel or Retry; each of those forms posted by hand
/// (with the Viewer's own antiforgery token) is 403 and writes nothing: no run, no schedule, no audit event.
/// </summary>
public sealed class JobsViewerTests(LoopAppFixture fixture) : IClassFixture<LoopAppFixture>
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task A_viewer_sees_no_action_buttons_and_each_crafted_post_is_403_with_nothing_written()
    {
        var model = Unique("viewed");
        await fixture.SeedModelAsync(model);
        var (api, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var longSpec = (App.Services.GetRequiredService<Pipelines.UseCases.LoopOptions>().DefaultTraining with { Epochs = 2000 }).ToJson();
        var run = await (await api.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain", parameters = new Dictionary<string, string> { ["spec"] = longSpec } }))
            .ReadAsync(HttpStatusCode.Created);
        var id = run.GetProperty("id").GetGuid();
        var (viewer, _) = await SignedInAsync(App, Roles.Viewer);

        var jobs = await HtmlAsync(viewer, $"/jobs?model={model}&edit=Retrain");
        Assert.Contains($"Schedules of {model}", jobs, StringComparison.Ordinal);
        Assert.Contains($"href=\"jobs/runs/{id}\"", jobs, StringComparison.Ordinal);
        Assert.DoesNotContain("Run now", jobs, StringComparison.Ordinal);
        Assert.DoesNotContain(">Edit<", jobs, StringComparison.Ordinal);
        Assert.DoesNotContain("Save schedule", jobs, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"run-now\"", jobs, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"edit-schedule\"", jobs, StringComparison.Ordinal);
        var page = await HtmlAsync(viewer, $"/jobs/runs/{id}");
        Assert.Contains(">Refresh</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Cancel run", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Retry run", page, StringComparison.Ordinal);

        var events = await App.AuditCountAsync();
        var runs = await App.WithDbAsync(db => db.JobRuns.CountAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(viewer, $"/jobs?model={model}", "run-now", new() { ["Run"] = $"{model}|DriftCheck" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(viewer, $"/jobs?model={model}&edit=Retrain", "edit-schedule", new()
        {
            ["Schedule.Model"] = model, ["Schedule.Kind"] = "Retrain", ["Schedule.Cron"] = "0 0 1 * * ?", ["Schedule.TimeZone"] = "UTC", ["Schedule.Enabled"] = "true",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(viewer, $"/jobs/runs/{id}", "cancel-run")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(viewer, $"/jobs/runs/{id}", "retry-run")).StatusCode);
        Assert.Equal(runs, await App.WithDbAsync(db => db.JobRuns.CountAsync()));
        Assert.False(await App.WithDbAsync(db => db.ModelSchedules.AnyAsync(s => s.ModelName == model && s.Cron == "0 0 1 * * ?")));
        var stillActive = await App.WithDbAsync(db => db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Null(stillActive.CancelRequestedBy);

        // The run is the engineer's to stop; the fixture is left without an active run.
        await (await api.PostAsync($"/api/v1/runs/{id}/cancel", null)).ReadAsync(HttpStatusCode.OK);
        await LoopPolling.WaitForAsync(api, id, "Cancelled");
        // Reads by the viewer added no audit events of their own beyond the run's (nothing the viewer did was recorded).
        Assert.DoesNotContain(await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Sequence > events).Select(e => e.Actor).ToListAsync()),
            a => a.Contains("viewer", StringComparison.OrdinalIgnoreCase));
    }
}
