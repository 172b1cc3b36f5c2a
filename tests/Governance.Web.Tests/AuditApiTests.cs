using System.Net;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Tests;

/// <summary>Audit query, export and verification through the API.</summary>
public sealed class AuditApiTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task Query_pages_by_cursor_newest_first()
    {
        var (engineer, _) = await App.ClientWithTokenAsync("page-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer, Roles.MLEngineer);
        var prefix = "pg-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 5; i++)
        {
            await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel($"{prefix}-{i}"))).ReadAsync(HttpStatusCode.Created);
        }
        var first = await (await engineer.GetAsync("/api/v1/audit?action=model.registered&pageSize=3")).ReadAsync(HttpStatusCode.OK);
        var events = first.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(3, events.Count);
        Assert.True(events[0].GetProperty("sequence").GetInt64() > events[1].GetProperty("sequence").GetInt64());
        var cursor = first.GetProperty("olderCursor").GetInt64();
        var second = await (await engineer.GetAsync($"/api/v1/audit?action=model.registered&pageSize=3&before={cursor}")).ReadAsync(HttpStatusCode.OK);
        var older = second.GetProperty("events").EnumerateArray().ToList();
        Assert.NotEmpty(older);
        Assert.True(older[0].GetProperty("sequence").GetInt64() < events[^1].GetProperty("sequence").GetInt64());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Export_streams_the_filtered_set_and_is_itself_audited(string format)
    {
        var (officer, _) = await App.ClientWithTokenAsync("exp-" + Guid.NewGuid().ToString("N")[..8], Roles.ComplianceOfficer);
        var (engineer, _) = await App.ClientWithTokenAsync("expe-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer);
        var name = "exp-" + Guid.NewGuid().ToString("N")[..8];
        await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);

        var response = await officer.GetAsync($"/api/v1/audit/export?format={format}&subjectType=model&subjectId={name}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        if (format == "csv")
        {
            var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("sequence,occurredAt,actor,action", lines[0]);
            Assert.Equal(2, lines.Length);
            Assert.Contains("model.registered", lines[1]);
            Assert.Contains("\"{\"\"after\"\"", lines[1]); // the JSON payload, quoted as RFC 4180 asks
        }
        else
        {
            var rows = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
            var row = Assert.Single(rows);
            Assert.Equal(name, row.GetProperty("subjectId").GetString());
            Assert.Equal(64, row.GetProperty("hash").GetString()!.Length);
        }
        var exports = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "audit.exported" && e.Actor.StartsWith("token:exp-")).ToListAsync());
        Assert.Contains(exports, e => e.Payload.Contains(name, StringComparison.Ordinal) && e.SubjectId == format);
    }

    [Fact]
    public async Task Export_rejects_an_unknown_format_without_recording_anything()
    {
        var (officer, _) = await App.ClientWithTokenAsync("expx-" + Guid.NewGuid().ToString("N")[..8], Roles.ComplianceOfficer);
        var before = await App.AuditCountAsync();
        await (await officer.GetAsync("/api/v1/audit/export?format=xml")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await App.AuditCountAsync());
    }
}
