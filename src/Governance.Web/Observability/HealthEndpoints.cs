using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Web.Observability;

/// <summary>
/// <c>/health/live</c> (the process answers; no checks) and <c>/health/ready</c> (every check tagged
/// <see cref="ReadyTag"/>). Anonymous, for load balancers and probes; JSON with one entry per check.
/// Another part adds a readiness check with <c>services.AddHealthChecks().AddCheck&lt;T&gt;("name", tags: [HealthEndpoints.ReadyTag])</c>.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Registers the built-in readiness checks: database migrated and reachable, artifact root writable.</summary>
    public static IServiceCollection AddGovernanceHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag])
            .AddCheck<ArtifactStoreWritableCheck>("artifacts", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps live, ready, and <c>/health</c> as an alias of live.</summary>
    public static IEndpointRouteBuilder MapGovernanceHealth(this IEndpointRouteBuilder endpoints)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync };
        endpoints.MapHealthChecks("/health", live).AllowAnonymous();
        endpoints.MapHealthChecks("/health/live", live).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary><c>{"status":"Healthy","durationMs":3.1,"checks":{"database":{"status":"Healthy","description":"..."}}}</c></summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }
}
