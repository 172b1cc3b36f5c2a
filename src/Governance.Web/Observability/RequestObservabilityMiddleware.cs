using System.Diagnostics;
using Governance.Data.Observability;

namespace Governance.Web.Observability;

/// <summary>
/// First in the pipeline: gives each request a correlation id (the caller's <c>X-Correlation-Id</c>
/// when it is 1-64 characters of <c>[A-Za-z0-9._-]</c>, else a new one), echoes it in the response
/// header, opens a logging scope <c>CorrelationId</c> around the request, and records the request's
/// route template, method, status and duration in <see cref="GovernanceMetrics"/>.
/// </summary>
internal sealed class RequestObservabilityMiddleware(RequestDelegate next, GovernanceMetrics metrics, ILogger<RequestObservabilityMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    public const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext context)
    {
        var id = Accept(context.Request.Headers[HeaderName].ToString()) ?? Guid.NewGuid().ToString("N");
        context.Items[typeof(CorrelationId)] = new CorrelationId(id);
        context.Response.Headers[HeaderName] = id;
        var started = Stopwatch.GetTimestamp();
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            try
            {
                await next(context);
            }
            finally
            {
                // The route template (not the path) keeps the number of series bounded.
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw ? "/" + raw.TrimStart('/') : "(unmatched)";
                metrics.HttpRequest(route, context.Request.Method, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            }
        }
    }

    /// <summary>The caller's id when safe to log and echo; null otherwise.</summary>
    public static string? Accept(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxLength)
        {
            return null;
        }
        foreach (var c in candidate)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return null;
            }
        }
        return candidate;
    }
}
