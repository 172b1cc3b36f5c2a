using System.Net;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.UseCases;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Web.Tests.Jobs.PortalForms;

namespace Governance.Web.Tests.Jobs;

/// <summary>
/// The jobs pages on SQLite with real runs (tiny training): run now from /jobs, follow the run on its page
/// (progress, logs, what it produced), cancel and retry through the forms, a bad cron answered with the reason.
/// </summary>
public sealed class JobsPageTests(LoopAppFixture fixture) : IClassFixture<LoopAppFixture>
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task Run_now_from_the_page_starts_a_real_run_shown_with_progress_logs_and_its_version()
    {
        var model = Unique("jobs");
        await fixture.SeedModelAsync(model);
        var (engineer, userName) = await SignedInAsync(App, Roles.MLEngineer);
        var (api, _) = await App.ClientWithTokenAsync(Unique("poll"), Roles.Viewer);

        var page = await HtmlAsync(engineer, $"/jobs?model={model}");
        Assert.Contains($"Schedules of {model}", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{model}|Retrain\"", page, StringComparison.Ordinal);

        var started = await PostAsync(engineer, $"/jobs?model={model}", "run-now", new() { ["Run"] = $"{model}|Retrain" });
        var id = RunIdOf(started);
        Assert.Contains("started=1", started.Headers.Location!.ToString(), StringComparison.Ordinal);
        var run = await App.WithDbAsync(db => db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(userName, run.Initiator);
        Assert.Equal(JobRunTrigger.Manual, run.Trigger);

        // While it is queued or running the page offers the no-script Refresh link and the live-update hooks.
        var early = await HtmlAsync(engineer, $"/jobs/runs/{id}?started=1");
        Assert.Contains("The run is queued", early, StringComparison.Ordinal);
        Assert.Contains("js/run-progress.js", early, StringComparison.Ordinal);
        Assert.Contains($"data-run-id=\"{id}\"", early, StringComparison.Ordinal);

        await LoopPolling.WaitForAsync(api, id, "Succeeded");
        var html = await HtmlAsync(engineer, $"/jobs/runs/{id}");
        Assert.Contains($"Retrain of {model}", html, StringComparison.Ordinal);
        Assert.Contains("Succeeded", html, StringComparison.Ordinal);
        Assert.Contains("value=\"100\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-run-active", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Refresh</a>", html, StringComparison.Ordinal);
        var firstLog = await App.WithDbAsync(db => db.JobRunLogs.AsNoTracking().Where(l => l.RunId == id).OrderBy(l => l.Sequence).FirstAsync());
        Assert.Contains(firstLog.Message, html, StringComparison.Ordinal);
        Assert.Contains($"Produced <a href=\"models/{model}#v1\">{model} v1</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{model}/versions/1/compare\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"models/{model}/versions/1/bias\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"audit?prefix={model}/1\"", html, StringComparison.Ordinal);

        var list = await HtmlAsync(engineer, $"/jobs?model={model}");
        Assert.Contains($"href=\"jobs/runs/{id}\"", list, StringComparison.Ordinal);
        Assert.Contains("Succeeded", list, StringComparison.Ordinal);
        Assert.Contains("1 / ", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_and_retry_through_the_run_page_forms()
    {
        var model = Unique("cancel");
        await fixture.SeedModelAsync(model);
        var (engineer, _) = await SignedInAsync(App, Roles.MLEngineer);
        var (api, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        // A long training (the tiny spec finishes in under a second), so it is still queued or running when cancelled.
        var longSpec = (App.Services.GetRequiredService<LoopOptions>().DefaultTraining with { Epochs = 2000 }).ToJson();
        var started = await (await api.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain", parameters = new Dictionary<string, string> { ["spec"] = longSpec } }))
            .ReadAsync(HttpStatusCode.Created);
        var id = started.GetProperty("id").GetGuid();

        var before = await HtmlAsync(engineer, $"/jobs/runs/{id}");
        Assert.Contains("Cancel run", before, StringComparison.Ordinal);
        Assert.Contains($"href=\"jobs/runs/{id}\">Refresh</a>", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Retry run", before, StringComparison.Ordinal);

        // A second retrain while this one is active is refused on the page with the reason.
        var second = await PostAsync(engineer, $"/jobs?model={model}", "run-now", new() { ["Run"] = $"{model}|Retrain" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains($"A Retrain run of model '{model}' is already", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.JobRuns.CountAsync(r => r.ModelName == model)));

        var cancelled = await PostAsync(engineer, $"/jobs/runs/{id}", "cancel-run");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains($"jobs/runs/{id}?cancelled=1", cancelled.Headers.Location!.ToString(), StringComparison.Ordinal);
        await LoopPolling.WaitForAsync(api, id, "Cancelled");
        var after = await HtmlAsync(engineer, $"/jobs/runs/{id}");
        Assert.Contains("Retry run", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Cancel run", after, StringComparison.Ordinal);

        var retried = await PostAsync(engineer, $"/jobs/runs/{id}", "retry-run");
        var retryId = RunIdOf(retried);
        Assert.NotEqual(id, retryId);
        var retry = await App.WithDbAsync(db => db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == retryId));
        Assert.Equal(id, retry.RetryOfRunId);
        Assert.Equal(JobRunTrigger.Retry, retry.Trigger);
        var retryPage = await HtmlAsync(engineer, $"/jobs/runs/{retryId}");
        Assert.Contains($"href=\"jobs/runs/{id}\"", retryPage, StringComparison.Ordinal);

        // Cancelling a finished run again is answered with the reason, not a missing-form error.
        await (await api.PostAsync($"/api/v1/runs/{retryId}/cancel", null)).ReadAsync(HttpStatusCode.OK);
        await LoopPolling.WaitForAsync(api, retryId, "Cancelled");
        var token = await engineer.AntiforgeryTokenAsync($"/jobs/runs/{retryId}");
        var again = await engineer.Client.PostAsync($"/jobs/runs/{retryId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "cancel-run", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already Cancelled", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_cron_is_answered_with_the_reason_and_changes_nothing_and_a_good_one_saves()
    {
        var model = Unique("cron");
        await fixture.SeedModelAsync(model);
        var (engineer, _) = await SignedInAsync(App, Roles.MLEngineer);
        var page = $"/jobs?model={model}&edit=Evaluate";
        var form = await HtmlAsync(engineer, page);
        Assert.Contains("Evaluate schedule of " + model, form, StringComparison.Ordinal);
        var events = await App.AuditCountAsync();

        var bad = await PostAsync(engineer, page, "edit-schedule", Fields(model, "Evaluate", "0 0 3 * *", "UTC"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Schedule not saved.", badHtml, StringComparison.Ordinal);
        Assert.Contains("has 5 fields; Quartz needs 6 or 7", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"0 0 3 * *\"", badHtml, StringComparison.Ordinal);
        var badZone = await PostAsync(engineer, page, "edit-schedule", Fields(model, "Evaluate", "0 0 5 * * ?", "Mars/Olympus"));
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.Contains("Time zone 'Mars/Olympus' is unknown", WebUtility.HtmlDecode(await badZone.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.ModelSchedules.AnyAsync(s => s.ModelName == model && s.Kind == "Evaluate")));
        Assert.Equal(events, await App.AuditCountAsync());

        var good = await PostAsync(engineer, page, "edit-schedule", Fields(model, "Evaluate", "0 30 5 * * ?", "Europe/Berlin"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await App.WithDbAsync(db => db.ModelSchedules.AsNoTracking().SingleAsync(s => s.ModelName == model && s.Kind == "Evaluate"));
        Assert.Equal(("0 30 5 * * ?", "Europe/Berlin", true), (saved.Cron, saved.TimeZoneId, saved.Enabled));
        var list = await HtmlAsync(engineer, PathOf(good.Headers.Location!));
        Assert.Contains("The Evaluate schedule was saved", list, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", list, StringComparison.Ordinal);
        Assert.Contains("05:30", list, StringComparison.Ordinal);

        // Unticking Enabled pauses it: no next fire times.
        var paused = await PostAsync(engineer, page, "edit-schedule", Fields(model, "Evaluate", "0 30 5 * * ?", "Europe/Berlin", enabled: false));
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.False((await App.WithDbAsync(db => db.ModelSchedules.AsNoTracking().SingleAsync(s => s.ModelName == model && s.Kind == "Evaluate"))).Enabled);
        Assert.Contains("no (paused)", await HtmlAsync(engineer, $"/jobs?model={model}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filters_are_400_and_unknown_runs_and_models_404()
    {
        var (viewer, _) = await SignedInAsync(App, Roles.Viewer);
        Assert.Contains("Status must be one of", await HtmlAsync(viewer, "/jobs?status=Maybe", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Job must be one of", await HtmlAsync(viewer, "/jobs?kind=Deploy", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("page cursor", await HtmlAsync(viewer, "/jobs?before=yesterday", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        // Page 404s are answered by the host's status-code pages (as for an unknown model page).
        await HtmlAsync(viewer, "/jobs?model=no-such-model", HttpStatusCode.NotFound);
        await HtmlAsync(viewer, $"/jobs/runs/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : "/" + location.OriginalString.TrimStart('/');

    private static Dictionary<string, string> Fields(string model, string kind, string cron, string zone, bool enabled = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["Schedule.Model"] = model, ["Schedule.Kind"] = kind, ["Schedule.Cron"] = cron, ["Schedule.TimeZone"] = zone,
        };
        if (enabled)
        {
            fields["Schedule.Enabled"] = "true";
        }
        return fields;
    }
}
