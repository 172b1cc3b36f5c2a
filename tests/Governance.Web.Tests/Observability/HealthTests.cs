using System.Net;
using Governance.Web.Observability;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Web.Tests.Observability;

/// <summary>Live says the process answers; ready runs every check tagged "ready" and answers JSON per check.</summary>
public sealed class HealthTests
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health")]
    public async Task Live_answers_healthy_json_without_running_checks(string route)
    {
        await using var app = new ObservedApp(IPAddress.Parse("203.0.113.7"));
        var response = await app.Client().GetAsync(route);
        var body = await response.ReadAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Ready_checks_the_database_and_the_artifact_store_anonymously()
    {
        await using var app = new ObservedApp(IPAddress.Parse("203.0.113.7"));
        var response = await app.Client().GetAsync("/health/ready");
        var body = await response.ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("migration", checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("artifacts").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        Assert.Empty(System.IO.Directory.GetFiles(Path.Combine(app.Directory, "artifacts"), ".health-*"));
    }

    [Fact]
    public async Task A_failing_ready_check_added_by_another_part_makes_ready_503_and_leaves_live_up()
    {
        await using var app = new ObservedApp(IPAddress.Parse("203.0.113.7"), services: s => s.AddHealthChecks()
            .AddCheck("model-store", () => HealthCheckResult.Unhealthy("Model store not mounted."), tags: [HealthEndpoints.ReadyTag]));
        var client = app.Client();
        var body = await (await client.GetAsync("/health/ready")).ReadAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var store = body.GetProperty("checks").GetProperty("model-store");
        Assert.Equal("Unhealthy", store.GetProperty("status").GetString());
        Assert.Equal("Model store not mounted.", store.GetProperty("description").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Ready_is_unhealthy_when_the_database_is_not_migrated()
    {
        await using var app = new ObservedApp(IPAddress.Parse("203.0.113.7"));
        var client = app.Client();
        await app.App.Services.GetRequiredService<Governance.Data.Migrations.DatabaseMigrator>().AppliedAsync(); // started and migrated
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(app.Directory, "governance.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var body = await (await client.GetAsync("/health/ready")).ReadAsync(HttpStatusCode.ServiceUnavailable);
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.Contains("not applied", database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_unhealthy_and_the_description_holds_no_password()
    {
        const string Password = "Db-password-never-shown-42";
        var options = new Governance.Data.GovernanceDataOptions(Governance.Data.DatabaseProvider.Postgres,
            $"Host=127.0.0.1;Port=1;Database=governance;Username=governance;Password={Password};Timeout=2", "/tmp/unused");
        var check = new DatabaseReadyCheck(new Governance.Data.Migrations.DatabaseMigrator(options, TimeProvider.System));
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("unreachable", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Description, StringComparison.Ordinal);
    }
}
