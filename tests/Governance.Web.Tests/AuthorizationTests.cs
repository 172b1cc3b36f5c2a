using System.Net;
using Governance.Domain.Access;
using Governance.Web.Auth;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests;

/// <summary>Who may do what, checked against every endpoint the app maps.</summary>
public sealed class AuthorizationTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task A_viewer_gets_403_on_every_unsafe_registry_audit_and_user_endpoint_and_nothing_is_written()
    {
        var (viewer, _) = await App.ClientWithTokenAsync("viewer-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        var unsafeEndpoints = AppEndpoints.All(App)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => AppEndpoints.Policy(e) != Policies.CanManageOwnTokens)
            // Approval decisions are open to any signed-in user; the domain refuses a Viewer with 403 and the
            // four-eyes rule (Loop/LoopApiTests), after the request is found.
            .Where(e => AppEndpoints.Policy(e) != Policies.SignedIn)
            // Predict and prediction feedback admit Viewer tokens, the client applications' role (Serving/ServingApiTests).
            .Where(e => AppEndpoints.Policy(e) != Policies.CanPredict)
            .SelectMany(e => AppEndpoints.Methods(e).Where(m => m is not ("GET" or "HEAD")).Select(m => (Method: m, Url: AppEndpoints.UrlOf(e))))
            .ToList();
        Assert.True(unsafeEndpoints.Count >= 7, $"Expected the registry's and users' unsafe endpoints, found {unsafeEndpoints.Count}.");
        var before = await App.AuditCountAsync();
        foreach (var (method, url) in unsafeEndpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            var response = await viewer.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(before, await App.AuditCountAsync());
    }

    [Fact]
    public async Task A_viewer_may_read_the_registry_but_not_the_audit_trail()
    {
        var (viewer, _) = await App.ClientWithTokenAsync("reader-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/models")).StatusCode);
        await (await viewer.GetAsync("/api/v1/audit")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_acts_with_its_one_role_even_when_its_owner_holds_more()
    {
        var (asViewer, _) = await App.ClientWithTokenAsync("multi-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer, Roles.Viewer, Roles.MLEngineer);
        await (await asViewer.PostJsonAsync("/api/v1/models", Json.NewModel("narrow-" + Guid.NewGuid().ToString("N")[..8])))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_requests_get_401_problem_details_on_the_api_for_every_api_endpoint()
    {
        var anonymous = App.AnonymousClient();
        var api = AppEndpoints.All(App).Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        foreach (var e in api)
        {
            foreach (var method in AppEndpoints.Methods(e))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), AppEndpoints.UrlOf(e));
                var response = await anonymous.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {AppEndpoints.UrlOf(e)}: {(int)response.StatusCode}");
                Assert.Null(response.Headers.Location);
            }
        }
        await (await anonymous.GetAsync("/openapi/v1.json")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/tokens")]
    public async Task Anonymous_page_requests_are_redirected_to_sign_in(string page)
    {
        var response = await App.AnonymousClient().GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
        Assert.Contains("ReturnUrl=", response.Headers.Location.Query);
    }

    [Fact]
    public async Task Health_and_the_sign_in_page_are_anonymous()
    {
        var anonymous = App.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/account/sign-in")).StatusCode);
    }

    [Fact]
    public async Task Pages_forbid_framing_and_sniffing()
    {
        var response = await App.AnonymousClient().GetAsync("/account/sign-in");
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_openapi_document_is_served_to_any_signed_in_role_and_lists_the_api()
    {
        var (viewer, _) = await App.ClientWithTokenAsync("openapi-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        var doc = await (await viewer.GetAsync("/openapi/v1.json")).ReadAsync(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/models", out _));
        Assert.True(paths.TryGetProperty("/api/v1/audit/export", out _));
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiToken").GetProperty("scheme").GetString());
    }
}
