using Governance.Data.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Web.Observability;

/// <summary>One call each for the host: logging format, services, middleware, endpoints.</summary>
public static class ObservabilitySetup
{
    public const string LogFormatKey = "Logging:Format";

    /// <summary>
    /// <c>Logging:Format</c> = <c>json</c> switches the console to one JSON object per line with scopes
    /// (so the correlation id travels with every entry) and UTC ISO-8601 timestamps; <c>simple</c> or
    /// unset keeps the default console. Anything else is a start-up error.
    /// </summary>
    public static WebApplicationBuilder AddGovernanceObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var format = builder.Configuration[LogFormatKey];
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "O";
            });
        }
        else if (!string.IsNullOrEmpty(format) && !string.Equals(format, "simple", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{LogFormatKey} '{format}' is not supported: use 'json' or 'simple'.", nameof(builder));
        }
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<GovernanceMetrics>();
        builder.Services.AddSingleton<MetricsCollector>();
        builder.Services.AddGovernanceHealth();
        return builder;
    }

    /// <summary>Correlation ids and request metrics; call first so they see the whole pipeline.</summary>
    public static IApplicationBuilder UseGovernanceObservability(this IApplicationBuilder app)
    {
        // Resolve the collector now so that measurements recorded before the first scrape count.
        _ = app.ApplicationServices.GetRequiredService<MetricsCollector>();
        return app.UseMiddleware<RequestObservabilityMiddleware>();
    }

    /// <summary>Health and metrics endpoints, on every node (web and worker).</summary>
    public static IEndpointRouteBuilder MapGovernanceObservability(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGovernanceHealth().MapGovernanceMetrics();
}
