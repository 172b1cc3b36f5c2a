using System.Net;
using Governance.Data.Access;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests;

/// <summary>
/// A Viewer sees no change forms; posting one by hand (with a valid antiforgery token of its own
/// session) is answered 403 and writes nothing: no row, no audit event.
/// </summary>
public sealed class ViewerFormTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string Password = "Viewer-password-123";
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task Register_model_posted_by_a_viewer_is_403_and_writes_nothing()
    {
        var (viewer, token) = await SignedInAsync(Roles.Viewer);
        var events = await App.AuditCountAsync();
        var name = "crafted-" + Guid.NewGuid().ToString("N")[..8];
        var response = await viewer.Client.PostAsync("/models", Form(token, "register-model", new()
        {
            ["Input.Name"] = name, ["Input.Task"] = "classification", ["Input.Domain"] = "support",
            ["Input.Owner"] = "mallory", ["Input.RiskTier"] = "Limited",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.Models.AnyAsync(m => m.Name == name)));
        Assert.Equal(events, await App.AuditCountAsync());
    }

    [Fact]
    public async Task Register_model_posted_by_an_engineer_still_registers()
    {
        var (engineer, token) = await SignedInAsync(Roles.MLEngineer);
        var name = "engineered-" + Guid.NewGuid().ToString("N")[..8];
        var response = await engineer.Client.PostAsync("/models", Form(token, "register-model", new()
        {
            ["Input.Name"] = name, ["Input.Task"] = "classification", ["Input.Domain"] = "support",
            ["Input.Owner"] = "erin", ["Input.RiskTier"] = "Limited",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Models.AnyAsync(m => m.Name == name)));
    }

    [Fact]
    public async Task Stage_change_posted_by_a_viewer_is_403_and_the_stage_stays()
    {
        var name = "staged-" + Guid.NewGuid().ToString("N")[..8];
        var (api, _) = await App.ClientWithTokenAsync("api-" + name, Roles.MLEngineer);
        await (await api.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);
        await (await api.PostJsonAsync($"/api/v1/models/{name}/versions", new { })).ReadAsync(HttpStatusCode.Created);
        var (viewer, token) = await SignedInAsync(Roles.Viewer);
        var events = await App.AuditCountAsync();
        var response = await viewer.Client.PostAsync($"/models/{name}", Form(token, "change-stage", new()
        {
            ["Change.Version"] = "1", ["Change.Target"] = "Staging", ["Change.Reason"] = "crafted by hand",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var stage = await App.WithDbAsync(db => db.ModelVersions.Where(v => v.Number == 1 && db.Models.Any(m => m.Id == v.ModelId && m.Name == name)).Select(v => v.Stage).SingleAsync());
        Assert.Equal(Domain.Registry.ModelStage.Candidate, stage);
        Assert.Equal(events, await App.AuditCountAsync());
    }

    [Fact]
    public async Task Token_for_a_role_the_viewer_does_not_hold_is_403_and_not_issued()
    {
        var (viewer, token) = await SignedInAsync(Roles.Viewer);
        var events = await App.AuditCountAsync();
        var response = await viewer.Client.PostAsync("/account/tokens", Form(token, "issue-token", new()
        {
            ["Issue.Name"] = "escalate", ["Issue.Role"] = Roles.Admin, ["Issue.ExpiresInDays"] = "1",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not hold the role", await response.Content.ReadAsStringAsync());
        Assert.False(await App.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Name == "escalate")));
        Assert.Equal(events, await App.AuditCountAsync());
    }

    [Fact]
    public async Task Revoking_someone_elses_token_by_hand_is_refused_and_the_token_lives()
    {
        var (_, secret) = await App.ClientWithTokenAsync("owner-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer);
        var id = await App.WithDbAsync(db => db.ApiTokens.Where(t => t.RevokedAt == null).OrderByDescending(t => t.CreatedAt).Select(t => t.Id).FirstAsync());
        var (viewer, token) = await SignedInAsync(Roles.Viewer);
        var response = await viewer.Client.PostAsync("/account/tokens", Form(token, $"revoke-{id}", []));
        // Not the viewer's token, so the page renders no form of that name: Blazor refuses before any handler.
        Assert.InRange((int)response.StatusCode, 400, 404);
        Assert.Equal(HttpStatusCode.OK, (await App.BearerClient(secret).GetAsync("/api/v1/models")).StatusCode);
    }

    private async Task<(BrowserSession Session, string Antiforgery)> SignedInAsync(string role)
    {
        var name = "u-" + Guid.NewGuid().ToString("N")[..10];
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateUserAsync(name, name, null, Password, [role], Actor.System);
        }
        var session = new BrowserSession(App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(name, Password)).StatusCode);
        // Every role has the tokens page, so every session can get an antiforgery token there.
        return (session, await session.AntiforgeryTokenAsync("/account/tokens"));
    }

    private static FormUrlEncodedContent Form(string antiforgery, string handler, Dictionary<string, string> fields)
    {
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = antiforgery;
        return new FormUrlEncodedContent(fields);
    }
}
