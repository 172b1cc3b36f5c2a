using Microsoft.AspNetCore.HttpOverrides;

namespace Governance.Web.Hosting;

/// <summary>Response headers every answer carries, and trust in a reverse proxy's forwarded headers when configured.</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// No sniffing, no framing (clickjacking on the sign-in and token forms), no full referrers to
    /// other sites. Pages use only same-origin scripts and styles, so the CSP is strict.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        return next(context);
    });

    /// <summary>
    /// With <c>Governance:TrustForwardedHeaders</c> true, X-Forwarded-For/-Proto from any proxy are believed,
    /// so cookies get the Secure flag behind a TLS-terminating proxy. Only for nodes reachable solely through it.
    /// </summary>
    public static IApplicationBuilder UseForwardedHeadersWhenTrusted(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue("Governance:TrustForwardedHeaders", false))
        {
            return app;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        return app.UseForwardedHeaders(options);
    }
}
