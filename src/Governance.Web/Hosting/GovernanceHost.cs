using Governance.Data;
using Governance.Pipelines.Features;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.UseCases;
using Governance.Web.Auth;
using Governance.Web.Components;
using Governance.Web.Endpoints;
using Governance.Web.ModelCards;
using Governance.Web.Observability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace Governance.Web.Hosting;

/// <summary>The composition of the host, one call per concern; Program.cs reads as the table of contents.</summary>
internal static class GovernanceHost
{
    public static WebApplicationBuilder AddGovernance(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var node = NodeOptions.From(configuration);
        var limits = UploadLimits.From(configuration);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBytes);

        builder.AddGovernanceObservability();
        var services = builder.Services;
        services.AddGracefulShutdown(configuration);
        services.AddSingleton(node);
        services.AddSingleton(limits);
        services.AddSingleton(new OperatorConsole(Console.Out));
        services.AddGovernanceData(configuration, builder.Environment.ContentRootPath);
        services.AddGovernanceScheduler(configuration);
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthEndpoints.ReadyTag]);
        services.AddGovernanceLoop(configuration);
        services.AddScoped<IRetrainRequester, SchedulerRetrainRequester>();
        services.AddScoped<IDriftCheckRequester, SchedulerDriftCheckRequester>();
        services.AddDataProtection()
            .SetApplicationName("Governance")
            .PersistKeysToFileSystem(new DirectoryInfo(DataProtectionKeysPath(configuration, builder.Environment.ContentRootPath)));
        services.AddGovernanceAuth();
        services.AddScoped<AdminBootstrap>();
        services.AddGovernanceApi();
        services.AddModelCards(configuration);
        services.AddRazorComponents();
        return builder;
    }

    /// <summary>
    /// Cookie and antiforgery keys. Web nodes behind one load balancer must share this folder
    /// (<c>Governance:DataProtection:KeysPath</c>), or a cookie issued by one node is rejected by another.
    /// </summary>
    private static string DataProtectionKeysPath(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Governance:DataProtection:KeysPath"];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Path.GetFullPath(contentRoot), "data", "keys")
            : Path.GetFullPath(configured, Path.GetFullPath(contentRoot));
    }

    public static WebApplication UseGovernance(this WebApplication app)
    {
        app.UseForwardedHeadersWhenTrusted(app.Configuration);
        app.UseGovernanceObservability();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseFormPolicies();
        return app;
    }

    /// <summary>Health and metrics on every node; the portal and API only on web nodes.</summary>
    public static WebApplication MapGovernance(this WebApplication app)
    {
        app.MapGovernanceObservability();
        if (app.Services.GetRequiredService<NodeOptions>().IsWeb)
        {
            app.MapGovernanceApi();
            app.MapAccount();
            app.MapModelCards();
            // Framework endpoints of the component router (/_framework/...) get the least policy explicitly;
            // pages declare their own with [Authorize(Policy = ...)] or [AllowAnonymous].
            app.MapRazorComponents<App>().Add(endpoint =>
            {
                if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.StartsWith("/_framework/", StringComparison.Ordinal))
                {
                    endpoint.Metadata.Add(new AuthorizeAttribute(Policies.SignedIn));
                }
            });
        }
        return app;
    }
}
