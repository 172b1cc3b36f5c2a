using System.Net;
using Governance.Web.Hosting;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Governance.Web.Tests;

/// <summary>Node:Roles decides what a node serves.</summary>
public sealed class NodeRolesTests
{
    private static NodeOptions Parse(string? roles) =>
        NodeOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Node:Roles"] = roles }).Build());

    [Theory]
    [InlineData(null, true, true)]
    [InlineData("web", true, false)]
    [InlineData("worker", false, true)]
    [InlineData(" Web , WORKER ", true, true)]
    public void Roles_are_read_from_configuration(string? roles, bool web, bool worker)
    {
        var node = Parse(roles);
        Assert.Equal(web, node.IsWeb);
        Assert.Equal(worker, node.IsWorker);
    }

    [Fact]
    public void An_unknown_role_is_an_error_naming_it() =>
        Assert.Contains("scheduler", Assert.Throws<ArgumentException>(() => Parse("web,scheduler")).Message);

    [Fact]
    public async Task A_worker_only_node_serves_health_and_no_portal_or_api()
    {
        using var dir = new TempDirectory();
        var settings = GovernanceApp.SqliteSettings(dir.Path);
        settings["Node:Roles"] = "worker";
        await using var app = new GovernanceApp(settings);
        var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.DoesNotContain(AppEndpoints.All(app), e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(AppEndpoints.All(app), e => e.RoutePattern.RawText == "/account/sign-in");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
