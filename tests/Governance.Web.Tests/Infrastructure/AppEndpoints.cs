using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Infrastructure;

/// <summary>The app's endpoints as routing sees them (API, account endpoints, Razor component pages).</summary>
public static class AppEndpoints
{
    public static IReadOnlyList<RouteEndpoint> All(GovernanceApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    public static IReadOnlyList<string> Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

    public static string? Policy(RouteEndpoint e) =>
        e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);

    /// <summary>A concrete URL for a route pattern: parameters become plausible values.</summary>
    public static string UrlOf(RouteEndpoint e) =>
        "/" + string.Join("/", e.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "int") => "1",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.Empty.ToString(),
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "x",
            _ => "",
        }))));
}
