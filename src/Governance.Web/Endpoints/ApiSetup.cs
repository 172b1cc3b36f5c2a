using System.Text.Json.Serialization;
using Governance.Web.Hosting;
using Microsoft.AspNetCore.Http.Json;

namespace Governance.Web.Endpoints;

/// <summary>The REST API's services (JSON, problem details, OpenAPI) and its routes under /api/v1.</summary>
internal static class ApiSetup
{
    public static IServiceCollection AddGovernanceApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // Binding failures (malformed JSON, a bad query value) reach ProblemExceptionHandler with their reason.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddScoped<LoopReads>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer(OpenApiSecurity.DescribeAsync));
        return services;
    }

    /// <summary>Maps every API group; each endpoint declares its policy (see <see cref="Auth.Policies"/>).</summary>
    public static IEndpointRouteBuilder MapGovernanceApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireAuthorization(Auth.Policies.SignedIn);
        app.MapGroup("/api/v1")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .MapModels()
            .MapModelVersions()
            .MapDatasets()
            .MapAudit()
            .MapTokens()
            .MapUsers()
            .MapJobs()
            .MapSchedules()
            .MapReleases()
            .MapApprovals()
            .MapWebhooks()
            .MapPredictions();
        return app;
    }
}
