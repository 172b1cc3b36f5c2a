using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Web.Observability;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format. Not behind a sign-in (scrapers have no cookie): the
/// endpoint admits a request from a loopback address, or one carrying
/// <c>Authorization: Bearer &lt;Observability:MetricsToken&gt;</c> (compared in fixed time). Anything
/// else gets 401 (a token is configured) or 403 (none is: only loopback may scrape).
/// </summary>
public static class MetricsEndpoint
{
    public const string Route = "/metrics";
    public const string TokenKey = "Observability:MetricsToken";

    public static IEndpointRouteBuilder MapGovernanceMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, Handle).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Handle(HttpContext context, MetricsCollector collector, IConfiguration configuration)
    {
        var token = configuration[TokenKey];
        if (!IsLoopback(context.Connection.RemoteIpAddress) && !BearerMatches(context.Request.Headers.Authorization.ToString(), token))
        {
            return string.IsNullOrEmpty(token) ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.Unauthorized();
        }
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(collector.Scrape(), PrometheusText.ContentType, Encoding.UTF8);
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static bool BearerMatches(string header, string? token)
    {
        const string Prefix = "Bearer ";
        if (string.IsNullOrEmpty(token) || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
