using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests.Loop;

/// <summary>Schedules, release policies and webhooks through /api/v1: validation answers 400 with the problem, roles are enforced.</summary>
public sealed class LoopSettingsApiTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private GovernanceApp App => fixture.App;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Schedules_are_validated_described_in_words_and_need_an_editor()
    {
        var (engineer, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (viewer, _) = await App.ClientWithTokenAsync(Unique("viewer"), Roles.Viewer);
        var model = Unique("sched");
        await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel(model))).ReadAsync(HttpStatusCode.Created);
        var url = $"/api/v1/models/{model}/schedules";

        var badCron = await (await engineer.PutAsJsonAsync($"{url}/Retrain", new { cron = "0 0 25 * * ?", timeZone = "UTC" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("0 0 25 * * ?", badCron, StringComparison.Ordinal);
        var badZone = await (await engineer.PutAsJsonAsync($"{url}/Retrain", new { cron = "0 0 3 1 * ?", timeZone = "Mars/Olympus" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Mars/Olympus", badZone, StringComparison.Ordinal);
        await (await engineer.PutAsJsonAsync($"{url}/Deploy", new { cron = "0 0 3 1 * ?" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await viewer.PutAsJsonAsync($"{url}/Retrain", new { cron = "0 0 3 1 * ?" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await engineer.PutAsJsonAsync("/api/v1/models/no-such-model/schedules/Retrain", new { cron = "0 0 3 1 * ?" })).ProblemAsync(HttpStatusCode.NotFound);

        var set = await (await engineer.PutAsJsonAsync($"{url}/DriftCheck", new { cron = "0 30 4 * * ?", timeZone = "Europe/Berlin", enabled = true })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Europe/Berlin", set.GetProperty("timeZoneId").GetString());
        Assert.Equal(5, set.GetProperty("nextFireTimes").GetArrayLength());
        var list = await (await viewer.GetAsync(url)).ReadAsync(HttpStatusCode.OK);
        var drift = Assert.Single(list.EnumerateArray());
        Assert.Equal("DriftCheck", drift.GetProperty("kind").GetString());
        Assert.Contains("Europe/Berlin", drift.GetProperty("words").GetString(), StringComparison.Ordinal);
        var audited = await (await engineer.GetAsync($"/api/v1/audit?action=schedule.set&subjectId={model}/DriftCheck")).ReadAsync(HttpStatusCode.OK);
        Assert.Single(audited.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Release_policies_are_validated_and_versioned()
    {
        var (engineer, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (viewer, _) = await App.ClientWithTokenAsync(Unique("viewer"), Roles.Viewer);
        var model = Unique("policy");
        await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel(model))).ReadAsync(HttpStatusCode.Created);
        var url = $"/api/v1/models/{model}/policy";

        var current = await (await viewer.GetAsync(url)).ReadAsync(HttpStatusCode.OK);
        var policy = current.GetProperty("policy");
        var noApprovals = await (await engineer.PutAsJsonAsync(url, new { gates = policy.GetProperty("gates"), requiredApprovals = Array.Empty<string>() })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at least one required approval", noApprovals, StringComparison.Ordinal);
        var unknownRole = await (await engineer.PutAsJsonAsync(url, new { requiredApprovals = new[] { "Janitor" } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Janitor", unknownRole, StringComparison.Ordinal);
        await (await viewer.PutAsJsonAsync(url, new { requiredApprovals = new[] { "MLEngineer" } })).ProblemAsync(HttpStatusCode.Forbidden);

        var first = await (await engineer.PutAsJsonAsync(url, new { gates = policy.GetProperty("gates"), requiredApprovals = new[] { "ComplianceOfficer" } })).ReadAsync(HttpStatusCode.OK);
        var second = await (await engineer.PutAsJsonAsync(url, new { gates = policy.GetProperty("gates"), requiredApprovals = new[] { "MLEngineer", "ComplianceOfficer" } })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("policy").GetProperty("version").GetInt32() + 1, second.GetProperty("policy").GetProperty("version").GetInt32());
        var read = await (await viewer.GetAsync(url)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(second.GetProperty("policy").GetProperty("version").GetInt32(), read.GetProperty("policy").GetProperty("version").GetInt32());
        Assert.Equal(2, read.GetProperty("policy").GetProperty("requiredApprovals").GetArrayLength());
    }

    [Fact]
    public async Task Webhooks_are_subscribed_by_editors_and_never_show_their_secret()
    {
        var (engineer, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (viewer, _) = await App.ClientWithTokenAsync(Unique("viewer"), Roles.Viewer);
        const string secret = "a-secret-of-enough-length-42";

        var created = await engineer.PostJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.org/governance", secret, events = new[] { "version.promoted" } });
        Assert.DoesNotContain(secret, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await created.ReadAsync(HttpStatusCode.Created);
        var badEvent = await (await engineer.PostJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.org/x", secret, events = new[] { "model.eaten" } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("model.eaten", badEvent, StringComparison.Ordinal);
        await (await viewer.PostJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.org/y", secret, events = new[] { "version.promoted" } })).ProblemAsync(HttpStatusCode.Forbidden);

        var list = await engineer.GetAsync("/api/v1/webhooks");
        var text = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var hooks = await list.ReadAsync(HttpStatusCode.OK);
        Assert.Contains(hooks.EnumerateArray(), h => h.GetProperty("url").GetString() == "https://hooks.example.org/governance");
        await (await viewer.GetAsync("/api/v1/webhooks")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_loop_routes()
    {
        var (viewer, _) = await App.ClientWithTokenAsync(Unique("viewer"), Roles.Viewer);
        var document = await (await viewer.GetAsync("/openapi/v1.json")).ReadAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/models/{name}/runs", "/api/v1/runs", "/api/v1/runs/{id}", "/api/v1/runs/{id}/logs", "/api/v1/runs/{id}/cancel",
            "/api/v1/runs/{id}/retry", "/api/v1/models/{name}/schedules", "/api/v1/models/{name}/schedules/{kind}", "/api/v1/models/{name}/policy",
            "/api/v1/models/{name}/versions/{number}/evidence", "/api/v1/models/{name}/versions/{number}/rollback", "/api/v1/approvals",
            "/api/v1/approvals/{id}", "/api/v1/approvals/{id}/decisions", "/api/v1/webhooks",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _) || paths.TryGetProperty(path + "/", out _), $"{path} is not in the OpenAPI document");
        }
        var decide = paths.GetProperty("/api/v1/approvals/{id}/decisions").GetProperty("post");
        Assert.Equal("Approvals", decide.GetProperty("tags")[0].GetString());
        Assert.True(decide.GetProperty("responses").TryGetProperty("409", out _));
    }
}
