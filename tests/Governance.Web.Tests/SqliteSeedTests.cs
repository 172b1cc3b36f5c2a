using System.Net;
using Governance.TestSupport.Scale;
using Governance.Web.Auth;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests;

/// <summary>
/// The scale seeder's SQLite writer, at a small size: what it writes reads back through the app (GUID
/// text, microsecond times), the chain it continues verifies intact, and the prefix filter's SQLite range works.
/// </summary>
public sealed class SqliteSeedTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Seeded_sqlite_database_renders_and_verifies()
    {
        var connection = fixture.App.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Governance"]!;
        var seed = await ScaleSeeder.SeedSqliteAsync(connection, models: 20, versionsPerModel: 5, auditEvents: 20_000);
        Assert.Equal(100, seed.Versions);

        var session = new BrowserSession(fixture.App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(AdminBootstrap.AdminUserName, GovernanceApp.AdminPassword)).StatusCode);
        Assert.Contains("<span class=\"figure\">20</span> in production", await session.Client.GetStringAsync("/"));
        var model = ScaleData.ModelName(7);
        var detail = WebUtility.HtmlDecode(await session.Client.GetStringAsync($"/models/{model}"));
        Assert.Contains("id=\"v5\"", detail);
        Assert.Contains("Production", detail);
        var timeline = WebUtility.HtmlDecode(await session.Client.GetStringAsync($"/audit?subject=model,model-version&prefix={model}"));
        Assert.Contains($"{model}/", timeline);
        Assert.DoesNotContain(ScaleData.ModelName(8), timeline);

        var (client, _) = await fixture.App.ClientWithTokenAsync("sqlite-seed-reviewer", Domain.Access.Roles.ComplianceOfficer);
        var json = await client.GetStringAsync("/api/v1/audit/verify");
        Assert.Contains("\"isIntact\":true", json.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }
}
