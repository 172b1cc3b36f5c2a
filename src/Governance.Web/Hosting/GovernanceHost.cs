using Governance.Data;
using Governance.Web.Auth;
using Governance.Web.Components;
using Governance.Web.Endpoints;

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

        var services = builder.Services;
        services.AddSingleton(node);
        services.AddSingleton(limits);
        services.AddSingleton(new OperatorConsole(Console.Out));
        services.AddGovernanceData(configuration, builder.Environment.ContentRootPath);
        services.AddGovernanceAuth();
        services.AddScoped<UserAccounts>();
        services.AddScoped<AdminBootstrap>();
        services.AddGovernanceApi();
        services.AddRazorComponents();
        services.AddHealthChecks().AddDbContextCheck<GovernanceDbContext>();
        return builder;
    }

    public static WebApplication UseGovernance(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Health on every node; the portal and API only on web nodes.</summary>
    public static WebApplication MapGovernance(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        if (app.Services.GetRequiredService<NodeOptions>().IsWeb)
        {
            app.MapGovernanceApi();
            app.MapAccount();
            app.MapRazorComponents<App>();
        }
        return app;
    }
}
