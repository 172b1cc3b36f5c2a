using System.Net;
using Governance.Data.Access;
using Governance.Domain.Access;
using Governance.Web.Auth;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests;

/// <summary>The sign-in form (static SSR, antiforgery), lockout, sign-out, and cookies on the API.</summary>
public sealed class SignInTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private GovernanceApp App => fixture.App;

    private async Task<string> NewUserAsync(string role, string password)
    {
        var name = "u-" + Guid.NewGuid().ToString("N")[..10];
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateUserAsync(name, name, null, password, [role], Actor.System);
        return name;
    }

    [Fact]
    public async Task Signing_in_with_the_form_sets_the_cookie_and_opens_protected_pages()
    {
        var session = new BrowserSession(App);
        var response = await session.SignInAsync("admin", GovernanceApp.AdminPassword, "/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/tokens", new Uri(App.Server.BaseAddress, response.Headers.Location!).PathAndQuery);
        var page = await session.Client.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("API tokens", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sign_in_page_keeps_the_return_url_from_the_redirect()
    {
        var html = await App.AnonymousClient().GetStringAsync("/account/sign-in?ReturnUrl=%2Faccount%2Ftokens");
        Assert.Contains("name=\"Input.ReturnUrl\" value=\"/account/tokens\"", html);
    }

    [Fact]
    public async Task An_off_site_return_url_is_ignored()
    {
        var response = await new BrowserSession(App).SignInAsync("admin", GovernanceApp.AdminPassword, "//evil.example/x");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", new Uri(App.Server.BaseAddress, response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task The_tokens_page_issues_a_token_whose_secret_is_shown_once_and_works()
    {
        var session = new BrowserSession(App);
        await session.SignInAsync("admin", GovernanceApp.AdminPassword);
        var token = await session.AntiforgeryTokenAsync("/account/tokens");
        var page = await session.Client.PostAsync("/account/tokens", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "issue-token",
            ["__RequestVerificationToken"] = token,
            ["Issue.Name"] = "from-the-page",
            ["Issue.Role"] = Roles.MLEngineer,
            ["Issue.ExpiresInDays"] = "30",
        }));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var secret = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"token-secret\">(gov_[0-9a-f]+)<").Groups[1].Value;
        Assert.StartsWith("gov_", secret);
        Assert.DoesNotContain(secret, await session.Client.GetStringAsync("/account/tokens"));
        var bot = App.BearerClient(secret);
        Assert.Equal(HttpStatusCode.Created, (await bot.PostJsonAsync("/api/v1/models", Json.NewModel("page-" + Guid.NewGuid().ToString("N")[..8]))).StatusCode);

        var tokens = await App.WithDbAsync(db => Task.FromResult(db.ApiTokens.Where(t => t.Name == "from-the-page").Select(t => t.Id).ToList()));
        var formName = $"revoke-{tokens.Single()}";
        Assert.Contains($"value=\"{formName}\"", await session.Client.GetStringAsync("/account/tokens"));
        var revoke = await session.Client.PostAsync("/account/tokens", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = await session.AntiforgeryTokenAsync("/account/tokens"),
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync("/api/v1/models")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_refuses_a_form_without_the_antiforgery_token()
    {
        var session = new BrowserSession(App);
        var response = await session.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.UserName"] = "admin",
            ["Input.Password"] = GovernanceApp.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/account/tokens")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_repeated_failures_lock_the_account()
    {
        const string password = "Right-password-123";
        var user = await NewUserAsync(Roles.Viewer, password);
        var session = new BrowserSession(App);
        var first = await session.SignInAsync(user, "wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Wrong user name or password", await first.Content.ReadAsStringAsync());
        for (var i = 0; i < 4; i++)
        {
            await session.SignInAsync(user, "wrong-password-1");
        }
        var locked = await session.SignInAsync(user, password);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/account/tokens")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_is_a_post_with_antiforgery_and_ends_the_session()
    {
        var session = new BrowserSession(App);
        await session.SignInAsync("admin", GovernanceApp.AdminPassword);
        var token = await session.AntiforgeryTokenAsync("/account/tokens");
        var response = await session.Client.PostAsync("/account/sign-out",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/account/tokens")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_reads_the_api_but_cannot_change_anything_through_it()
    {
        var session = new BrowserSession(App);
        await session.SignInAsync("admin", GovernanceApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/api/v1/models")).StatusCode);
        var detail = await (await session.Client.PostJsonAsync("/api/v1/models", Json.NewModel("via-cookie"))).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("API token", detail);
    }

    [Fact]
    public async Task Successful_sign_ins_are_audited()
    {
        const string password = "Audited-password-123";
        var user = await NewUserAsync(Roles.Viewer, password);
        await new BrowserSession(App).SignInAsync(user, password);
        var count = await App.WithDbAsync(db => Task.FromResult(db.AuditEvents.Count(e => e.Action == "auth.signed-in" && e.Actor == "user:" + user)));
        Assert.Equal(1, count);
    }
}
