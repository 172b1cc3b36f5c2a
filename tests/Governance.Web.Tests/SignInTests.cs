using System.Net;
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
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(name, password, [role], Actor.System, default);
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
