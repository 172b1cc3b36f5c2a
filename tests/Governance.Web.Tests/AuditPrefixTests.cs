using System.Net;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests;

/// <summary>The subject-prefix filter (a model and all its versions) on SQLite, through the API and the audit page.</summary>
public sealed class AuditPrefixTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Prefix_matches_the_model_and_its_versions_and_not_a_longer_name()
    {
        var name = "pre" + Guid.NewGuid().ToString("N")[..6];
        var (api, _) = await fixture.App.ClientWithTokenAsync("prefix-" + name, Roles.MLEngineer);
        foreach (var model in new[] { name, name + "-x", name + "0" })
        {
            await (await api.PostJsonAsync("/api/v1/models", Json.NewModel(model))).ReadAsync(HttpStatusCode.Created);
            await (await api.PostJsonAsync($"/api/v1/models/{model}/versions", new { })).ReadAsync(HttpStatusCode.Created);
        }
        var page = await (await api.GetAsync($"/api/v1/audit?subjectPrefix={name}&subjectTypes=model,model-version")).ReadAsync(HttpStatusCode.OK);
        var subjects = page.GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("subjectType").GetString() + ":" + e.GetProperty("subjectId").GetString())
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"model-version:{name}/1", $"model:{name}"], subjects);

        var export = await api.GetStringAsync($"/api/v1/audit/export?format=json&subjectPrefix={name}&subjectTypes=model,model-version");
        Assert.Equal(2, JsonDocument.Parse(export).RootElement.EnumerateArray().Count());
    }

    [Fact]
    public async Task Model_page_links_the_timeline_of_the_model_and_its_versions()
    {
        var name = "tl" + Guid.NewGuid().ToString("N")[..6];
        var (api, _) = await fixture.App.ClientWithTokenAsync("timeline-" + name, Roles.MLEngineer);
        await (await api.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);
        await (await api.PostJsonAsync($"/api/v1/models/{name}/versions", new { })).ReadAsync(HttpStatusCode.Created);
        var session = new BrowserSession(fixture.App);
        await session.SignInAsync("admin", GovernanceApp.AdminPassword);
        var link = $"audit?subject=model%2Cmodel-version&amp;prefix={name}";
        Assert.Contains(link, await session.Client.GetStringAsync($"/models/{name}"));
        var timeline = WebUtility.HtmlDecode(await session.Client.GetStringAsync("/" + WebUtility.HtmlDecode(link)));
        Assert.Contains($"{name}/1", timeline);
        Assert.Contains("model.registered", timeline);
        Assert.Contains("version.registered", timeline);
    }
}
