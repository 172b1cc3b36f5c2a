using Governance.Web.Auth;
using Governance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Governance.Web.Tests;

/// <summary>Every endpoint and page declares a named policy; only a short list is anonymous.</summary>
public sealed class EndpointPolicyTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    // Probes and scrapers: /metrics admits only loopback or its own bearer token (MetricsEndpoint), see MetricsTests.
    private static readonly string[] AnonymousAllowList =
        ["/health", "/health/live", "/health/ready", "/metrics", "/account/sign-in", "/account/access-denied"];

    [Fact]
    public void Every_endpoint_declares_a_known_policy_or_is_on_the_anonymous_allow_list()
    {
        var endpoints = AppEndpoints.All(fixture.App);
        Assert.True(endpoints.Count > 20, $"Only {endpoints.Count} endpoints found; are the API and pages mapped?");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/account/sign-in"); // Razor pages are enumerated too
        var offenders = new List<string>();
        foreach (var e in endpoints)
        {
            var route = "/" + e.RoutePattern.RawText?.TrimStart('/');
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = AppEndpoints.Policy(e);
            if (anonymous)
            {
                if (!AnonymousAllowList.Contains(route, StringComparer.OrdinalIgnoreCase))
                {
                    offenders.Add($"{route}: anonymous but not on the allow-list");
                }
            }
            else if (policy is null || !Policies.RolesByPolicy.ContainsKey(policy))
            {
                offenders.Add($"{route} [{string.Join(",", AppEndpoints.Methods(e))}]: no named policy (found '{policy}')");
            }
        }
        Assert.True(offenders.Count == 0, "Endpoints without a declared policy:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Unsafe_api_endpoints_need_an_editing_or_admin_policy_except_own_tokens()
    {
        var writable = AppEndpoints.All(fixture.App)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => AppEndpoints.Methods(e).Any(m => m is not ("GET" or "HEAD")))
            .ToList();
        Assert.NotEmpty(writable);
        foreach (var e in writable)
        {
            var policy = AppEndpoints.Policy(e);
            Assert.True(policy is Policies.CanEditRegistry or Policies.Admin
                || (policy is Policies.CanManageOwnTokens && e.RoutePattern.RawText!.StartsWith("/api/v1/tokens", StringComparison.Ordinal))
                // Approval decisions: the domain's four-eyes rules check the caller's roles and name (403 with the rule).
                || (policy is Policies.SignedIn && e.RoutePattern.RawText == "/api/v1/approvals/{id:guid}/decisions")
                // Serving: predicting (a read that is logged) and feeding back labels, for client applications' tokens.
                || (policy is Policies.CanPredict && e.RoutePattern.RawText is "/api/v1/models/{name}/predict" or "/api/v1/models/{name}/predictions/{id:guid}/feedback"),
                $"{e.RoutePattern.RawText} allows changes under policy {policy}");
        }
    }
}
