using System.Diagnostics;
using System.Net;
using Governance.TestSupport.Scale;
using Governance.Web.Auth;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Governance.Web.Tests;

/// <summary>PostgreSQL seeded once per test run with 200 models x 50 versions and 1M chained audit events.</summary>
public sealed class ScaleAppFixture : IAsyncLifetime
{
    private readonly PostgresAppFixture _inner = new();

    public GovernanceApp App => _inner.App;

    public ScaleSeedResult Seed { get; private set; } = null!;

    public TimeSpan SeedWallTime { get; private set; }

    public async Task InitializeAsync()
    {
        await _inner.InitializeAsync();
        var connection = App.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Governance"]!;
        var clock = Stopwatch.StartNew();
        Seed = await ScaleSeeder.SeedPostgresAsync(connection);
        SeedWallTime = clock.Elapsed;
    }

    public Task DisposeAsync() => _inner.DisposeAsync();
}

/// <summary>Every portal page answers 200 with its key content on a registry and trail of production size.</summary>
public sealed class ScalePagesTests(ScaleAppFixture fixture, ITestOutputHelper output) : IClassFixture<ScaleAppFixture>
{
    private static readonly string Model = ScaleData.ModelName(12);

    public static TheoryData<string, string> Pages() => new()
    {
        { "/", "<span class=\"figure\">200</span> in production" },
        { "/models", ScaleData.ModelName(199) },
        { "/models?q=fraud", ScaleData.ModelName(2) },
        { $"/models/{Model}", "id=\"v50\"" },
        { "/datasets", Model + "-data" },
        { $"/datasets/{Model}-data/1", Model + "-data" },
        { "/audit", "auth.signed-in" },
        { "/audit?actor=user:alice", "user:alice" },
        { "/audit?action=model.updated", "job:retrain" },
        { $"/audit?subject=model-version:{Model}/3", $"{Model}/3" },
        { $"/audit?subject=model:{Model}", Model },
        { "/audit?from=2025-03-01T00:00&to=2025-03-02T00:00", "2025-03-01" },
        { "/audit?before=500000", "499999" },
        { "/audit?after=500000&actor=user:bob", "user:bob" },
        { "/audit/verify", "Verify" },
        { $"/audit?subject=model,model-version&prefix={Model}", $"{Model}/" },
        { "/", "Next models" },
        { $"/?after={ScaleData.ModelName(150)}", "First models" },
        { "/jobs", "Schedules" },
        { $"/jobs?model={Model}", $"Schedules of {Model}" },
        { "/approvals", "Approvals inbox" },
        { "/approvals?scope=all&status=Approved", "Approvals inbox" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_renders_on_a_seeded_database(string path, string expected)
    {
        var session = await SignedInAdminAsync();
        var clock = Stopwatch.StartNew();
        var response = await session.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{path}: {(int)response.StatusCode} in {clock.ElapsedMilliseconds} ms, {html.Length} chars; seeded {fixture.Seed.AuditEvents} events in {fixture.Seed.Audit.TotalSeconds:F1} s (registry {fixture.Seed.Registry.TotalSeconds:F1} s, fixture total {fixture.SeedWallTime.TotalSeconds:F1} s)");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_page_lists_all_fifty_versions_with_one_in_production()
    {
        var session = await SignedInAdminAsync();
        var html = WebUtility.HtmlDecode(await session.Client.GetStringAsync($"/models/{Model}"));
        for (var n = 1; n <= 50; n++)
        {
            Assert.Contains($"id=\"v{n}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("Production", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_timeline_holds_the_model_and_its_versions_only()
    {
        var (client, _) = await fixture.App.ClientWithTokenAsync("scale-engineer", Domain.Access.Roles.MLEngineer);
        var json = await client.GetStringAsync($"/api/v1/audit?subjectTypes=model,model-version&subjectPrefix={Model}&pageSize=500");
        var subjects = System.Text.RegularExpressions.Regex.Matches(json, "\"subjectId\":\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(500, subjects.Count);
        Assert.All(subjects, s => Assert.True(s == Model || s.StartsWith(Model + "/", StringComparison.Ordinal), s));
        Assert.Contains(Model, subjects);
        Assert.Contains(subjects, s => s != Model);
    }

    [Fact]
    public async Task Seeded_chain_verifies_intact()
    {
        var (client, _) = await fixture.App.ClientWithTokenAsync("scale-reviewer", Domain.Access.Roles.ComplianceOfficer);
        var json = await client.GetStringAsync("/api/v1/audit/verify");
        output.WriteLine(json);
        Assert.Contains("\"isIntact\":true", json.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<BrowserSession> SignedInAdminAsync()
    {
        var session = new BrowserSession(fixture.App);
        var response = await session.SignInAsync(AdminBootstrap.AdminUserName, GovernanceApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }
}
